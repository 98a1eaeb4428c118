/*
 * strtok(): DTrace's cases (tst.strtok.d, tst.strtok2.d).  A NULL first
 * argument (written (char *)0 here) goes on in the string the last
 * strtok() cut, from one clause to the next; the delimiters may change
 * between calls.  With no token left it returns NULL, and printing that
 * faults; so does going on when nothing was ever cut.
 */
BEGIN
{
	printf("nothing cut yet: %s\n", strtok((char *)0, ","));
}

BEGIN
{
	this->str = ",,,Carrots,,Barley,Oatmeal,,,Beans,";
	printf("%s\n", strtok(this->str, ","));
}

BEGIN
{
	printf("%s\n", strtok((char *)0, ","));
}

BEGIN
{
	printf("%s\n", strtok((char *)0, ","));
	printf("%s\n", strtok((char *)0, ","));
}

BEGIN
{
	printf("after the last: %s\n", strtok((char *)0, ","));
}

BEGIN
{
	printf("[%s] [%s] [%s] [%s]\n", strtok("foo", ""), strtok("foobar", "o"), strtok("oobar", "o"),
	    strtok("foo", "bar"));
	x = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	x = strjoin(x, strjoin(x, x));
	y = "abcABC";
	printf("%s\n", strtok(x, y));
	y = "MNO";
	printf("%s\n", strtok((char *)0, y));
	printf("%s\n", strtok((char *)0, y));
	y = "0123456789";
	printf("%s\n", strtok((char *)0, y));
	/* the string is kept: changing x does not change the tokens */
	x = strjoin("a b", " c");
	printf("[%s] ", strtok(x, " "));
	x = "z z";
	printf("[%s] [%s]\n", strtok((char *)0, " "), strtok((char *)0, " "));
}

BEGIN
{
	printf("only delimiters: %s\n", strtok(",,,", ","));
}

BEGIN
{
	printf("empty: %s\n", strtok("", ""));
}

BEGIN
{
	printf("done\n");
	exit(0);
}
