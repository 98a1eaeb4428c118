BEGIN { x = a[b[c]]; y = args[0]->foo; z = a[i + 1][j * 2]; }
