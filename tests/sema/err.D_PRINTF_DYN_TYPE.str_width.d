BEGIN
{
	printf("%*d\n", "w", 2);
}
