BEGIN
{
	x = speculation();
	speculate(x);
	printf("%d", x);
	discard(x);
}
