typedef struct foo foo_t;
BEGIN { a = offsetof(struct foo, bar); b = offsetof(foo_t, x); c = offsetof(struct vmlinux`task_struct, pid); }
