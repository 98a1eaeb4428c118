/*
 * aggsortkey with aggsortkeypos=1: keys compare from their second element
 * on, wrapping around to the first; an aggregation with fewer keys than
 * that sorts from its first.
 */
#pragma D option quiet
#pragma D option aggsortkey
#pragma D option aggsortkeypos=1

BEGIN
{
	@a["b", 2] = sum(1); @a["a", 3] = sum(5); @a["c", 1] = sum(3); @a["a", 1] = sum(9);
	@s["y"] = sum(1); @s["x"] = sum(2);
	printa("%s %d %@d\n", @a);
	exit(0);
}
