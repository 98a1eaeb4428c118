/*
 * substr(): DTrace's cases (its tst.substr.d), at the default strsize: a
 * negative index counts from the end, a negative length leaves bytes off
 * the end, and anything out of range gives "".
 */
BEGIN
{
	s = "foobarbazbop";
	printf("[%s] [%s] [%s] [%s]\n", substr(s, 3), substr(s, 300), substr(s, -10),
	    substr(s, 0));
	printf("[%s] [%s] [%s] [%s]\n", substr(s, 1), substr(s, 11), substr(s, 12),
	    substr(s, 13));
	printf("[%s] [%s] [%s] [%s]\n", substr(s, 8, 20), substr(s, 4, 4), substr(s, 5, 8),
	    substr(s, 5, 9));
	printf("[%s] [%s] [%s]\n", substr(s, 400, 20), substr(s, 400, 0), substr(s, 400, -1));
	printf("[%s] [%s] [%s] [%s]\n", substr(s, 3, 0), substr(s, 3, -1), substr(s, 3, -4),
	    substr(s, 3, -20));
	printf("[%s] [%s] [%s]\n", substr(s, -10, -5), substr(s, 0, 400), substr(s, -1, 400));
	printf("[%s] [%s]\n", substr(s, -1, 0), substr(s, -1, -1));
	printf("[%s] [%s] [%s]\n", substr(s, -24, 24), substr(s, -24, 12), substr(s, -24, 13));
	printf("[%s] [%s]\n", substr(s, -12, 12), substr(s, -12, 11));
	l = "CRAIG: Positioned them, I don't know... I'm fairly wide guy.";
	printf("[%s] [%s]\n", substr(l, 100, 10), substr(l, 100));
}

BEGIN
{
	/* without a length, the length is strsize: -200 still reaches the string, -300 does not */
	printf("[%s] [%s] [%s]\n", substr(s, -200), substr(s, -300), substr("", 0));
	i = -3;
	n = 2;
	printf("[%s] [%s] [%s]\n", substr(s, i), substr(s, i, n), substr(substr(s, 3), 3, 3));
	exit(0);
}
