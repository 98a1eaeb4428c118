BEGIN { a = (struct foo *)p; b = (char **)p; c = (void *)0; d = (const char *)p; e = (int *const *)p; }
