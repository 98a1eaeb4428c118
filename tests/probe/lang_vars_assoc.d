/* associative arrays: any key tuple, missing entries read as zero */
BEGIN
{
	a["x"] = 1;
	a["y"] = 2;
	a["x"] += 10;
	b[1, "one"] = "uno";
	b[2, "two"] = "dos";
	c[pid] = timestamp;
	k = "y";
	printf("%d %d %d\n", a["x"], a[k], a["z"]);
	printf("%s %s [%s]\n", b[1, "one"], b[2, "two"], b[3, "three"]);
	printf("%d\n", c[pid] > 0);
	a["x"] = 0;
	printf("%d\n", a["x"]);
	n[a["y"]] = 5;
	printf("%d\n", n[2]);
	exit(0);
}
