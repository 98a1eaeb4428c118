BEGIN { a = strjoin(strjoin(a, b), c); b = copyinstr(arg0); c = stringof(copyin(arg1, 16)); printf("%s", basename(copyinstr(arg0))); }
