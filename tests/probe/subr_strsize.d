/*
 * Subroutines at a strsize of 20 (see subr_strsize.opts): strings hold 19
 * bytes, results are cut there, substr() without a length reaches back
 * strsize bytes, cleanpath() stops where fewer than 5 bytes are left, and
 * lltostr() and inet_ntop() results are cut like any string.
 */
BEGIN
{
	s = "foobarbazbop";
	printf("[%s] [%s] [%s]\n", substr(s, -30), substr(s, -40), substr(s, -20));
	a = "abcdefghijklmnopqrstuvwxyz";
	printf("%d [%s] [%s]\n", strlen(a), a, toupper(a));
	printf("%d %d %d %d\n", index(a, "t"), rindex(a, "s"), index(a, "rs"), index(a, "st"));
	t = "rs";
	printf("%d %d [%s] [%s]\n", index(a, t), rindex(a, t), strstr(a, t), strrchr(a, 'r'));
	printf("[%s] [%s] [%s]\n", lltostr(-1, 2), lltostr(-1), inet_ntop(10, &curthread->comm[0]));
	p = "/aaaa/bbbb/cccc/dddd";
	printf("[%s] [%s] [%s]\n", cleanpath(p), basename(p), dirname(p));
	printf("[%s] [%s]\n", cleanpath("/a/./b/../cc//dd/eee/ff"),
	    strjoin("abcdefghij", "klmnopqrstuvw"));
	printf("[%s] ", strtok(a, "j"));
	printf("[%s] %d\n", strtok((char *)0, "j"), strtoll("1234567890123456789012345"));
	exit(0);
}
