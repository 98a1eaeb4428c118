int *p;
char **pp;
int * const cp;
const int *pc;
void *v;
int *const volatile *cvp;
