/* self-> variables: one copy per thread, zero when unset, freed by storing 0 */
BEGIN
{
	printf("unset %d\n", self->n);
	self->n = 41;
	self->n++;
	self->s = "thread-local";
	self->p = curthread;
}

BEGIN
/self->n == 42/
{
	printf("%d %s %d\n", self->n, self->s, self->p == curthread);
	self->n = 0;
	printf("after zero %d\n", self->n);
	self->n += 7;
	printf("%d\n", self->n);
	exit(0);
}
