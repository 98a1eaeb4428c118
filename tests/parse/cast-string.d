BEGIN { s = (string)arg0; t = (string)curthread->comm; }
