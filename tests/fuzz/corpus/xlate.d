typedef struct psinfo { int pr_pid; } psinfo_t;
BEGIN { a = xlate<psinfo_t>(t); b = xlate<struct psinfo *>(p)->pr_pid; c = xlate<int>(x); d = xlate<psinfo_t *>(curthread).x; }
