typedef int foo_t;
struct s { foo_t foo_t; };
