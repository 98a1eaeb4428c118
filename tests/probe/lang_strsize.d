/* strsize 4096: string temporaries, keys and records beyond 32 KB of machine state */
BEGIN
{
	a[execname, "k"] = strjoin(execname, "-suffix");
	printf("%s %d\n", a["dtrace", "k"], strlen(a["dtrace", "k"]));
	@[strjoin("key-", execname)] = count();
	exit(0);
}
