#pragma D option quiet
BEGIN
{
	printf("%s:%s:%s:%s id=%d\n", probeprov, probemod, probefunc, probename, id);
	printf("pid=%d tid=%d cpu=%d exec=%s\n", pid == $pid, tid == pid, cpu, execname);
	printf("ts=%d uid=%d\n", timestamp > 0, uid == $uid);
	exit(0);
}
