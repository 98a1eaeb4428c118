typedef struct foo { int a; } foo_t;
translator foo_t < int *P > { a = *P; };
BEGIN { x = xlate<foo_t *>(p)->a; y = xlate<foo_t>(*p).a; }
