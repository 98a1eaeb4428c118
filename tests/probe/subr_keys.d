/*
 * Subroutines in aggregation and associative-array keys, and in an
 * aggregating function's argument: their scratch space and temporaries
 * must not clobber a key being built.
 */
BEGIN
{
	s = "/usr/lib/libc.so.6";
	t = "lib";
	@a[basename(s), index(s, t)] = count();
	@a[basename(s), rindex(s, t)] = count();
	@b[dirname(s)] = sum(strtoll("21"));
	@b[dirname(s)] = sum(strtoll("0x15", 16));
	k[cleanpath("/usr/./lib/../lib"), lltostr(7)] = basename(s);
	printf("%s\n", k["/usr/lib", "7"]);
	exit(0);
}
