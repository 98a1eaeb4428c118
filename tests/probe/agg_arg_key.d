/* an aggregating function's argument may read an associative array: the key stays intact */
BEGIN
{
	b["xyz"] = 5;
	@n["abc"] = sum(b["xyz"]);
	@m[strjoin("k", "ey")] = max(index("hello", "l"));
	exit(0);
}
