int a[int];
int b[int, string];
string c[string, int, uint64_t];
self int d[int];
char *e[struct foo *, char];
