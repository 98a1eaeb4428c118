struct vmlinux`task_struct *t;
union mod`u *x;
enum mod`e y;
