/* Every form of the aggregation actions compiles. */
BEGIN
{
	@a[execname, pid] = count(); @b[execname, pid] = sum(1); @q[execname, pid] = quantize(1);
	@k = count(); @l = max(1);
	printa(@a, @b, @q);
	printa("%s %d %@d %@d %@d\n", @a, @b, @a);
	printa(@k, @l);
	printa("%@d %@d\n", @k, @l);
	clear(@a); trunc(@b); trunc(@b, 5); trunc(@b, -pid); trunc(@q, 1);
	normalize(@a, 1000); normalize(@b, pid); denormalize(@a);
	setopt("aggsortkey"); setopt("aggsortpos", "1"); setopt("aggsortkeypos", execname);
}
