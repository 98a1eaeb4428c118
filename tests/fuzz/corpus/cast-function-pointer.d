BEGIN { a = (int (*)(int))p; b = (void (*)(void))q; c = (char *(*)(char *, ...))r; }
