typedef struct foo foo_t;
BEGIN { x = (foo_t *)p; y = sizeof(foo_t); }
