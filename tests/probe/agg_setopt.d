/*
 * setopt() takes effect for the actions after it: aggsortkeypos (here
 * deciding ties), aggsortkey, then unset with "no".  An unknown option, one
 * that cannot change while tracing and a bad value are reported as DTrace
 * reports them, and tracing goes on.
 */
#pragma D option quiet

BEGIN
{
	@a["b", 2] = sum(1); @a["a", 3] = sum(3); @a["c", 1] = sum(3); @a["a", 1] = sum(9);
	printa("%s %d %@d\n", @a);
	setopt("aggsortkeypos", "1");
	printa("%s %d %@d\n", @a);
	setopt("aggsortkey");
	printa("%s %d %@d\n", @a);
	setopt("aggsortkey", "no");
	printa("%s %d %@d\n", @a);
	setopt("nosuchoption");
	setopt("bufsize", "1m");
	setopt("aggsortpos", "many");
	exit(0);
}
