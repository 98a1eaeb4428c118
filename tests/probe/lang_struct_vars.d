/* struct values copy into variables of every kind; members read back from the copy */
BEGIN
{
	g = *curthread;
	this->t = *curthread;
	self->t = *curthread;
	a["x"] = *curthread;
	printf("%s %d %s %s\n", g.comm, this->t.pid == tid, self->t.comm, a["x"].comm);
	printf("%d %d\n", a["missing"].pid, sizeof (g) == sizeof (struct task_struct));
	exit(0);
}
