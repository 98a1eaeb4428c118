/*
 * -x aggsortkey: entries in key order, at exit and in printa(), joined rows
 * too; integer keys compare unsigned (so -1 comes last), as in DTrace.
 */
#pragma D option quiet

BEGIN
{
	@a["b", 2] = sum(1); @a["a", 3] = sum(5); @a["c", 1] = sum(3); @a["a", 1] = sum(9);
	@b["b", 2] = count(); @b["d", 0] = count();
	printa("%s %d %@d\n", @a);
	printa("%s %d %@d %@d\n", @b, @a);
	@c[3] = count(); @c[-1] = count(); @c[2] = count(); @c[2] = count(); @c[1] = count();
	exit(0);
}
