/*
 * printa() of several aggregations (dtrace_aggregate_walk_joined): one row per
 * key any of them has, 0 where one lacks the key (or never had data at all),
 * rows sorted by the first aggregation's value, then the next one's, then the
 * key; %@ conversions take the aggregations in turn, the last repeating.
 */
#pragma D option quiet

BEGIN
/0/
{
	@never["x"] = max(1);
}

BEGIN
{
	@c["b"] = count(); @c["a"] = count(); @c["a"] = count();
	@c["c"] = count(); @c["c"] = count();
	@s["a"] = sum(30); @s["b"] = sum(-4); @s["d"] = sum(7);
	@m["c"] = max(9);
	printa("%s %@d %@d %@d\n", @c, @s, @m);
	printf("--\n");
	printa("%s %@d %@d %@d\n", @s, @c, @s);
	printf("--\n");
	printa("%s %@d\n", @c, @s);
	printf("--\n");
	printa("%s %@d %@d %@d\n", @c, @s);
	printf("--\n");
	printa("%s %@d %@d\n", @c, @never);
	printa(@c, @s);

	@x = count(); @y = sum(3);
	printa("%@d %@d\n", @x, @y);
	printa(@x, @y);

	@q["k"] = quantize(4); @n["k"] = count(); @n["j"] = count();
	printa(@q, @n);
	exit(0);
}
