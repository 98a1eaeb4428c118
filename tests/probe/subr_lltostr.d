/*
 * lltostr() in every base DTrace accepts (its tst.lltostrbase.d, bases
 * 2-36; the others are illegal operations, see subr_illop.sh): base 10 is
 * signed, the other bases show the 64 bits unsigned, base 8 adds a
 * leading 0 and base 16 "0x".
 */
BEGIN
{
	base = 2;
	i = 0;
	val[i++] = -10LL; /* the first value gives the array its type */
	val[i++] = -1;
	val[i++] = 0;
	val[i++] = 10;
	val[i++] = 100;
	val[i++] = 1000;
	val[i++] = (1LL << 62);
	maxval = i;
	i = 0;
	printf("%s %s %s\n", lltostr(0x7fffffffffffffff), lltostr(0x8000000000000000), lltostr(-42));
}

tick-1ms
/i < maxval/
{
	printf("base %2d of %20d:    %s\n", base, val[i], lltostr(val[i], base));
	i++;
}

tick-1ms
/i == maxval/
{
	i = 0;
	base++;
}

tick-1ms
/base > 36/
{
	exit(0);
}
