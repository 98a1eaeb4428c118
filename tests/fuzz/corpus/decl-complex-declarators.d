int *(*x)[3];
int (*(*y)(int))[4];
char *(*arr[2])(void);
int ((z));
