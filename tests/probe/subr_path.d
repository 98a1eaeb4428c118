/*
 * basename(), dirname() and cleanpath(): DTrace's cases (tst.basename.d,
 * tst.cleanpath.d).  dirname() and basename() ignore trailing slashes,
 * give "/" for a string of slashes and "." for ""; cleanpath() drops "//"
 * and "/./", backs up over "/../" to the last slash it kept (so "a/../b"
 * is "/b" and "a/.." is "a", as in DTrace) and keeps a trailing "/.".
 */
int phase, i, j;

BEGIN
{
	p[0] = "/foo/bar/baz";
	p[1] = "/foo/bar///baz/";
	p[2] = "/foo/bar/baz/";
	p[3] = "/foo/bar/baz//";
	p[4] = "/foo/bar/baz/.";
	p[5] = "/foo/bar/baz/./";
	p[6] = "/foo/bar/baz/.//";
	p[7] = "foo/bar/baz/";
	p[8] = "/";
	p[9] = "./";
	p[10] = "//";
	p[11] = "/.";
	p[12] = "/./";
	p[13] = "/./.";
	p[14] = "/.//";
	p[15] = ".";
	p[16] = "f";
	p[17] = "f/";
	p[18] = "/////";
	p[19] = "";
	p[20] = "//a//b";
	p[21] = "../x";
	p[22] = "/a";
}

tick-1ms
/phase == 0 && i < 23/
{
	printf("\"%s\": basename \"%s\", dirname \"%s\"\n", p[i], basename(p[i]), dirname(p[i]));
	i++;
}

tick-1ms
/phase == 0 && i == 23/
{
	c[0] = "/foo/bar/baz";
	c[1] = "/foo/bar///baz/";
	c[2] = "/foo/bar/baz//";
	c[3] = "/foo/bar/baz/.";
	c[4] = "/foo/bar/baz/./";
	c[5] = "/foo/bar/../../baz/.//";
	c[6] = "foo/bar/./././././baz/";
	c[7] = "/foo/bar/baz/../../../../../../";
	c[8] = "/../../../../../../";
	c[9] = "/./";
	c[10] = "/foo/bar/baz/../../bop/bang/../../bar/baz/";
	c[11] = "./";
	c[12] = "//";
	c[13] = "/.";
	c[14] = "/./.";
	c[15] = "/.//";
	c[16] = ".";
	c[17] = "/////";
	c[18] = "";
	c[19] = "a/../b";
	c[20] = "a/..";
	c[21] = "/a/b/..";
	c[22] = "/a/..b/.c/...";
	phase = 1;
}

tick-1ms
/phase == 1 && j < 23/
{
	printf("cleanpath(\"%s\") = \"%s\"\n", c[j], cleanpath(c[j]));
	j++;
}

tick-1ms
/phase == 1 && j == 23/
{
	exit(0);
}
