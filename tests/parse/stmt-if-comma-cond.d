BEGIN
{
	if (x = 1, y) z = 3;
}
