BEGIN
{
	tracemem(1, 8, "x");
}
