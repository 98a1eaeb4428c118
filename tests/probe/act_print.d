/*
 * print() of typed values as DTrace prints them (dt_print.c, mdb's
 * "::print -tn"): scalars with their type, integers in hex, chars quoted,
 * enums by name, char arrays holding a string as the string, other arrays
 * in brackets, nested structs and unions indented.  The data are dtrace's
 * own comm ("dtrace" and zeros).
 */
#pragma D option quiet

enum color { RED = 0x61727463, GREEN, BLUE };
struct inner { short s; char c; char z; };
struct pt {
	enum color col;
	struct inner in;
	unsigned char b0;
	char rest[7];
};
union both { int i; char c[4]; };

BEGIN
{
	print(10);
	printf("\n");
	print((char)'x');
	printf("\n");
	print((void *)0x1234);
	printf("\n");
	print("hello");
	printf("\n");
	print(*(struct pt *)&curthread->comm);
	printf("\n");
	print(*(union both *)&curthread->comm);
	printf("\n");
	print(*(short (*)[4])&curthread->comm);
	printf("\n");
	print(*(struct inner (*)[2])&curthread->comm);
	printf("\n");
	print(curthread->comm);
	printf("\n");
	exit(0);
}
