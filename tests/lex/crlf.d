BEGIN
{
	x = 1;
}
