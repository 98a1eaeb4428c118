/*
 * -x aggsortrev: every order reversed: values descending, ties by the key
 * descending, the aggregations printed at exit last first, joined rows too.
 */
#pragma D option quiet

BEGIN
{
	@a["b"] = sum(1); @a["a"] = sum(5); @a["c"] = sum(5); @a["d"] = sum(-3);
	@b["a"] = count(); @b["x"] = count();
	@c["p"] = sum(1); @c["q"] = sum(2);
	@d["q"] = sum(7); @d["r"] = sum(7);
	printa("%s %@d %@d\n", @c, @d);
	exit(0);
}
