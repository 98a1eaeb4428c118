/*
 * trace() of structs and arrays as DTrace prints them: bytes that read as
 * a string print as one, anything else as a hex dump.  dtrace's own task:
 * its comm is "dtrace", its uid (a struct kuid_t) root's 0.
 */
struct pt { int x; short y; char c; char d; char tag[8]; };

BEGIN
{
	trace(*(struct pt *)&curthread->comm);
	trace(*(int (*)[4])&curthread->comm);
	trace(curthread->cred->uid);
	trace(curthread->cred->euid);
	trace((char)65);
	trace((short)-2);
	trace(-3);
	trace(-4LL);
	trace((void *)0x10);
	exit(0);
}
