/* pointers: &, *, arithmetic, indexing, char constants, bit-fields from BTF */
BEGIN
{
	p = &curthread->comm[0];
	printf("%c %c %d %d\n", *p, *(p + 1), (p + 3) - p, p[2] == 'r');
	q = p + 1;
	q++;
	printf("%c %d\n", *q, q > p);
	printf("%d\n", curthread->comm[0] == 'd');
	t = curthread;
	printf("%d\n", t->pid == tid && &t->pid == &curthread->pid);
	/* a bit-field: 0 or 1, and nothing else */
	printf("%d\n", curthread->in_execve == 0 || curthread->in_execve == 1);
	exit(0);
}
