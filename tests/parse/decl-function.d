int f(void);
int g();
int h(int, char *);
int k(int a, const char *s, ...);
char *m(void);
void n(int (*)(int));
