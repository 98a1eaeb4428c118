/*
 * printf's conversions, flags, widths and precisions (also from '*'
 * arguments), length modifiers and floating-point values, as DTrace prints
 * them.  The floats are the bytes of dtrace's own execname ("dtrace\0\0")
 * read as a float and as a double.
 */
#pragma D option quiet

BEGIN
{
	printf("[%c][%5c][%-3c][%lc]\n", 65, 'B', 'C', 68);
	printf("[%d][%i][%u][%o][%x][%X]\n", -42, 42, (unsigned)-1, 8, 255, 255);
	printf("[%+d][% d][%#x][%#o][%05d][%-5d][%5.3d]\n", 1, 2, 255, 8, 42, 7, 7);
	printf("[%*d][%-*d][%.*d][%*.*d][%*d]\n", 5, 1, 5, 2, 3, 7, 6, 4, 9, -4, 3);
	printf("[%s][%10s][%-10s][%.3s][%S]\n", "abc", "right", "left", "truncate", "a\tb\n\"");
	printf("[%p][%p]\n", (void *)0x1234, (void *)0);
	printf("[%hd][%hu][%hhd][%hhx][%ld][%lu][%lld][%llx][%lX]\n", (short)-3, (unsigned short)65535,
	    (char)-1, (uint8_t)250, (long)-5, (unsigned long)7, (long long)-9, 255LL, (long)255);
	printf("[%e][%.2E][%g][%G][%f]\n", *(float *)curthread->comm, *(float *)curthread->comm,
	    *(float *)curthread->comm, *(double *)curthread->comm, *(float *)curthread->comm);
	printf("[100%%][%%d]\n");
	exit(0);
}
