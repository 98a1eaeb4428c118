typedef int myint;
typedef struct foo foo_t;
typedef unsigned long long u64_t;
typedef int *intp, arr3[3];
myint x;
foo_t *f;
intp ip;
arr3 a;
u64_t big;
