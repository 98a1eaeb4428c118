/*
 * htons() and the other byte swaps (which truncate to their width),
 * getmajor() and getminor() with Linux's dev_t (20 bits of minor number),
 * rand(), and progenyof() on this process's ancestry.
 */
BEGIN
{
	printf("%x %x %x %x\n", htons(0x1234), ntohs(0x3412), htons(0x12345678), ntohs(-1));
	printf("%x %x %x\n", htonl(0x12345678), ntohl(1), htonl(0x1122334455667788));
	printf("%x %x %x\n", htonll(0x0102030405060708), ntohll(0x0807060504030201), htonll(255));
	x = 0x1234;
	printf("%d %d %d\n", sizeof (htons(x)), sizeof (htonl(x)), sizeof (htonll(x)));
	d = 8 << 20 | 3;
	printf("%d %d %d %d\n", getmajor(d), getminor(d), getmajor(0xfffffffff), getminor(0xfffffffff));
	r1 = rand();
	r2 = rand();
	r3 = rand();
	printf("%d %d\n", r1 >= 0 && r2 >= 0 && r3 >= 0, r1 != r2 || r2 != r3);
	printf("%d %d %d %d\n", progenyof(pid), progenyof(ppid), progenyof(1), progenyof(0));
	printf("%d %d %d\n", progenyof(2), progenyof(-1), progenyof(pid + 4194304));
	exit(0);
}
