int (*fp)(int);
void (*g)(void);
int (*h)(char *, ...);
