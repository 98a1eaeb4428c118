BEGIN
{
	tracemem("x", 8);
}
