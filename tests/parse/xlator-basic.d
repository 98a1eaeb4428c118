typedef struct psinfo { int pr_pid; string pr_fname; } psinfo_t;
translator psinfo_t < struct task_struct *T > {
	pr_pid = T->tgid;
	pr_fname = stringof(T->comm);
};
