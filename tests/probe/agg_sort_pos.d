/*
 * aggsortpos=N: a printa() of several aggregations sorts by the Nth one's
 * value (counting from 0), then the following ones' wrapping around, then
 * the key; N past the last aggregation means 0.  setopt() changes it (and
 * aggsortrev) between two printa()s.
 */
#pragma D option quiet
#pragma D option aggsortpos=1

BEGIN
{
	@a["x"] = sum(1); @a["y"] = sum(2); @a["z"] = sum(3);
	@b["x"] = sum(30); @b["y"] = sum(10); @b["z"] = sum(20);
	@c["x"] = sum(5); @c["y"] = sum(5); @c["z"] = sum(4);
	printa("%s %@d %@d %@d\n", @a, @b, @c);
	setopt("aggsortpos", "2");
	printa("%s %@d %@d %@d\n", @a, @b, @c);
	setopt("aggsortpos", "3");
	printa("%s %@d %@d %@d\n", @a, @b, @c);
	setopt("aggsortpos", "1");
	setopt("aggsortrev");
	printa("%s %@d %@d %@d\n", @a, @b, @c);
	exit(0);
}
