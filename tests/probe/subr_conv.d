/*
 * strtoll(), toupper(), tolower().  strtoll() is DTrace's parse: blanks
 * and tabs (nothing else), a sign, in base 16 a "0x" that a hex digit
 * follows, then the digits of the base, of either case, as far as they
 * go, in 64 bits that wrap.  toupper() and tolower() change ASCII letters.
 */
BEGIN
{
	printf("%d %d %d %d %d %d\n", strtoll("0", 2), strtoll("1", 2), strtoll("z", 36),
	    strtoll("Z", 36), strtoll("10", 36), strtoll("11", 3));
	printf("%d %d %d %d %d %d\n", strtoll("123"), strtoll("-123"), strtoll("+123"),
	    strtoll(" \t 42"), strtoll("12abc"), strtoll("abc"));
	printf("%d %d %d %d %d %d\n", strtoll("0x1F", 16), strtoll("1f", 16), strtoll("0X1f", 16),
	    strtoll("0x", 16), strtoll("0xg", 16), strtoll("0x1f"));
	printf("%d %d %d %d\n", strtoll("-0x10", 16), strtoll("777", 8), strtoll("778", 8),
	    strtoll("0777", 8));
	printf("%d %d %d\n", strtoll("9223372036854775807"), strtoll("9223372036854775808"),
	    strtoll("-9223372036854775808"));
	printf("%d %d %d %d %d\n", strtoll("18446744073709551617"), strtoll(""), strtoll("--1"),
	    strtoll(" - 1"), strtoll("\n5"));
	s = "  -1010 and more";
	b = 2;
	printf("%d %d\n", strtoll(s), strtoll(s, b));
	printf("[%s] [%s]\n", toupper("foo Bar 123 @[`{"), tolower("FOO Bar 123 @[`{"));
	printf("[%s] [%s] [%s]\n", toupper(""), tolower(toupper("MiXeD")), toupper(execname));
	exit(0);
}
