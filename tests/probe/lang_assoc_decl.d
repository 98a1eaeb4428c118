/*
 * Associative arrays declared with key and value types: integer keys of
 * other widths convert to the declared ones, values truncate to the
 * declared type.  NULL, and epid (one per clause on a probe).
 */
int a[string, int];
uint8_t b[int64_t];
string c[int];

BEGIN
{
	a["x", 1] = 5;
	a["x", (uint64_t)1 << 32] += 2;	/* the key converts to int: 0 */
	b[300] = 257;
	c[1] = "one";
	printf("%d %d %d [%s] [%s]\n", a["x", 1], a["x", 0], b[300], c[1], c[2]);
	printf("%d %d %d\n", strchr("abc", 'x') == NULL, NULL != strchr("abc", 'b'), NULL == 0);
	printf("epid %d\n", epid);
}

BEGIN
{
	printf("epid %d\n", epid);
	exit(0);
}
