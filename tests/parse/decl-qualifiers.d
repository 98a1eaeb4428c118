const int c;
volatile long v;
const volatile int cv;
restrict int *r;
int const ic;
