userland struct foo *p;
userland int *q;
