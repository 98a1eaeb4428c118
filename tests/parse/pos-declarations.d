#pragma D option quiet
self int *a[2], b;
struct s { int f : 3; };
inline int I = 1;
translator struct o < int *P > { v = *P; };
provider p { probe q(int); };
