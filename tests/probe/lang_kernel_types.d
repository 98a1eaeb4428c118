/* kernel types from BTF: curthread, members, nested members, casts, sizeof */
BEGIN
{
	printf("%s %d %d\n", curthread->comm, curthread->pid == tid, curthread->tgid == pid);
	printf("%d\n", curthread->real_parent->tgid == ppid);
	printf("%c\n", curthread->comm[0]);
	t = (struct task_struct *)curthread;
	printf("%s\n", stringof(t->comm));
	printf("%d %d\n", sizeof(struct task_struct) > 1000, offsetof(struct task_struct, pid) > 0);
	printf("%d\n", curthread->mm->mmap_base > 0);
	printf("%d\n", sizeof (curthread->comm));
	exit(0);
}
