#pragma D option quiet

syscall:::entry
/execname != "dtrace"/
{
	@calls[probefunc] = count();
}

END
{
	printa("%-20s %@d\n", @calls);
}
