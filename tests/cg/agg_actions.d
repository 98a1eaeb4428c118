/* An aggregation update (the buffer looked up once in its array, kept in a stack slot) and the actions that only record themselves. */
BEGIN
{
	@a[1] = count();
	trunc(@a, 3);
	printa("%d %@d\n", @a);
}
