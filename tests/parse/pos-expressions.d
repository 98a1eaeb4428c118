BEGIN
{
	x = a + b * -c;
	y = f(1, "s")[2].m->n++;
	z = p ? q : (int)r;
	@agg[k] = sizeof(int) + offsetof(struct s, f) + stringof u + xlate<int>(v);
	self->t = this->u + $1 + `sym;
}
