int*x;
uint64_t*y;
char**z;
