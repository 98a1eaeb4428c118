/*
 * -x rawbytes: trace() dumps every value that is not an integer as bytes,
 * strings as their whole strsize slot (16 bytes here); integers print as
 * numbers still.
 */
BEGIN
{
	trace(execname);
	trace(*(int (*)[2])&curthread->comm);
	trace(curthread->cred->uid);
	trace(7);
	exit(0);
}
