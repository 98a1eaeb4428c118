/*
 * strstr(), strchr(), strrchr(): DTrace's cases.  Each returns the rest of
 * the string from the match; c = 0 finds the NUL, and c is taken as a char.
 * Not found, they return NULL, and printing NULL faults with "invalid
 * address (0x0)" as in DTrace (so each such case has a clause of its own).
 */
BEGIN
{
	str = "foobarbarbazbarbop";
	printf("[%s] [%s] [%s]\n", strstr(str, str), strstr(str, "baz"), strstr(str, "bar"));
	printf("[%s] [%s]\n", strstr(str, "bazbarbop"), strstr(str, "barba"));
	printf("[%s]\n", strstr(strstr(str, "baz"), strstr(str, "zba")));
	printf("[%s] [%s] [%s]\n", strstr(str, ""), strstr("", ""), strstr("f", "f"));
	c = "zbarb";
	e = "";
	printf("[%s] [%s]\n", strstr(str, c), strstr(str, e));
	str = "fooeyfooeyfoo";
	printf("[%s] [%s] [%s] [%s]\n", strchr(str, 'f'), strrchr(str, 'f'), strchr(str, 'y'),
	    strrchr(str, 'y'));
	printf("[%s] [%s] [%s] [%s]\n", strrchr(strchr(str, 'y'), 'y'), strchr(str, 0),
	    strrchr(str, 0), strchr(str, 'e' + 256));
}

BEGIN
{
	printf("not found: [%s]\n", strstr("foobarbarbazbarbop", "barbarf"));
}

BEGIN
{
	printf("not found: [%s]\n", strstr("ab", c));
}

BEGIN
{
	printf("not found: [%s]\n", strchr("fooeyfooeyfoo", 'a'));
}

BEGIN
{
	printf("not found: [%s]\n", strrchr("", 'a'));
}

BEGIN
{
	printf("done\n");
	exit(0);
}
