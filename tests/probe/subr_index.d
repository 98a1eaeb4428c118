/*
 * index() and rindex(): DTrace's cases, with needles known at compile time
 * and needles that are not (each has its own code).  Positions follow
 * Perl: index() clamps a negative start to 0, rindex() a start past the
 * end to the length, and an empty needle is found at the start clamped to
 * [0, length]; a needle that is not there gives -1.
 */
BEGIN
{
	printf("%d %d %d %d %d\n", index("foobarbaz", "barbaz"), index("foofoofoo", "foo"),
	    index("boofoofoo", "foo"), index("foobarbaz", "barbazzy"), index("foobar", "foobar"));
	printf("%d %d %d %d\n", index("foobar", "foobarbaz"), index("", "foobar"),
	    index("foobar", ""), index("", ""));
	printf("%d %d %d %d %d\n", rindex("foobarbaz", "barbaz"), rindex("foofoofoo", "foo"),
	    rindex("boofoofoo", "foo"), rindex("foobarbaz", "barbazzy"), rindex("foobar", "foobar"));
	printf("%d %d %d %d\n", rindex("foobar", "foobarbaz"), rindex("", "foobar"),
	    rindex("foobar", ""), rindex("", ""));
	s = "foofoofoo";
	printf("%d %d %d %d %d %d %d\n", index(s, "foo", -400), index(s, "foo", -1), index(s, "foo", 0),
	    index(s, "foo", 4), index(s, "foo", 9), index(s, "foo", 10), index(s, "foo", 400));
	printf("%d %d %d %d %d %d %d\n", rindex(s, "foo", -400), rindex(s, "foo", -1),
	    rindex(s, "foo", 0), rindex(s, "foo", 4), rindex(s, "foo", 9), rindex(s, "foo", 10),
	    rindex(s, "foo", 400));
	printf("%d %d %d %d | %d %d %d | %d %d\n", index("foo", "", -1), index("foo", "", 2),
	    index("foo", "", 3), index("foo", "", 4), rindex("foo", "", -1), rindex("foo", "", 1),
	    rindex("foo", "", 5), index("", "", 5), rindex("", "", -5));
}

BEGIN
{
	/* needles in variables: overlapping matches, starts, the empty needle */
	t = "aba";
	e = "";
	printf("%d %d %d | %d %d\n", index("abababa", t), index("abababa", t, 1),
	    index("abababa", t, 5), rindex("abababa", t), rindex("abababa", t, 3));
	printf("%d %d\n", index("foo", e, 2), rindex("foo", e));
	exit(0);
}
