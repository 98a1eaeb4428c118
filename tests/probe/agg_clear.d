/*
 * clear(): every value zeroed, the keys kept (printed as 0); data that comes
 * later adds up from zero.  A cleared min() or max() holds a real 0, which
 * later data must beat (DTrace's consumer zeroes its copy the same way), and
 * a cleared quantize() prints as one with no data.
 */
#pragma D option quiet

BEGIN
{
	@c["a"] = count(); @c["b"] = count(); @c["b"] = count();
	@av["a"] = avg(10); @av["a"] = avg(20);
	@mn["a"] = min(5); @mx["a"] = max(-5);
	@q = quantize(8);
	printa("%s %@d\n", @c);
	clear(@c); clear(@av); clear(@mn); clear(@mx); clear(@q);
	printa("%s %@d\n", @c);
	exit(0);
}

END
{
	@c["c"] = count(); @c["b"] = count();
	@av["a"] = avg(3); @av["b"] = avg(4);
	@mn["a"] = min(7); @mn["b"] = min(7);
	@mx["a"] = max(-7); @mx["b"] = max(-7);
	printa("%s %@d\n", @c);
}
