/* strings are values: compared by contents, joined, measured, stored */
BEGIN
{
	s = "abc";
	t = strjoin(s, "def");
	printf("%s %d %d\n", t, strlen(t), strlen(""));
	printf("%d %d %d %d\n", s == "abc", s != "abc", "abc" < "abd", "b" > "abc");
	printf("%d %d\n", "" < "a", "abc" <= "abc");
	printf("%d\n", execname == "dtrace");
	name = execname;
	printf("%s %d\n", name, name == execname);
	u = s == "abc" ? "yes" : "no";
	printf("%s\n", u);
	exit(0);
}
