#pragma D option quiet
#pragma D option switchrate=10hz

dtrace:::BEGIN
{
	printf("%5s %6s %-12s %3s %s\n", "UID", "PID", "COMM", "FD", "PATH");
}

syscall::open:entry, syscall::openat:entry
{
	self->path = probefunc == "open" ? arg0 : arg1;
}

syscall::open:return, syscall::openat:return
/self->path/
{
	printf("%5d %6d %-12s %3d %s\n", uid, pid, execname, (int)arg0,
	    copyinstr(self->path));
	self->path = 0;
}
