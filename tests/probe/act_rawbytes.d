/*
 * -x rawbytes: trace() dumps every value that is not an integer as bytes,
 * strings as their whole strsize slot.
 */
struct pt { int x; short y; char c; char d; char tag[8]; };

BEGIN
{
	trace(*(struct pt *)&curthread->comm);
	trace(*(int (*)[4])&curthread->comm);
	trace(curthread->cred->uid);
	trace(execname);
	trace((char)65);
	trace((short)-2);
	trace(-3);
	trace(-4LL);
	trace((void *)0x10);
	exit(0);
}
