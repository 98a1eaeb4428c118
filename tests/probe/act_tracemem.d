/*
 * tracemem(addr, size[, dsize]): DTrace's hex dump of size bytes, or of the
 * first dsize of them (a dsize beyond size or negative prints all size).
 */
#pragma D option quiet

BEGIN
{
	tracemem(&curthread->comm, 16);
	tracemem(curthread->comm, 20, 3);
	tracemem(curthread->comm, 4, 100);
	tracemem(curthread->comm, 17, -1);
	printf("\n-- quiet does not change the dump --\n");
	exit(0);
}
