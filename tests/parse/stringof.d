BEGIN { a = stringof x; b = stringof(x); c = stringof arg0 + 1; d = stringof(curthread->comm); e = stringof x[1]; }
