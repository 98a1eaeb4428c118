BEGIN { printf("%d %s\n", a, b); trace(x); exit(0); f(); g(1, 2, 3, 4, 5, 6, 7, 8); }
