self int x;
this char *p;
self x;
this y;
self uint64_t ts[int];
