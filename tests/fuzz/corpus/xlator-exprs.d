translator struct info < struct task_struct *T > {
	state = T->state == 0 ? 1 : T->state & 2 ? 2 : 3;
	ppid = T->real_parent->tgid;
	name = (string)T->comm;
	size = sizeof(struct task_struct) + offsetof(struct task_struct, pid);
};
