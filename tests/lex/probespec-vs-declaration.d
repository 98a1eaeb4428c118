int x;
int*y;
uint64_t z;
self int s;
this int t;
struct foo *f;
typedef int myint;
myint m;
inline int I = 1;
translator struct a < int X > { b = X; };
BEGIN {}
