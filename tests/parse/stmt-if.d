BEGIN
{
	if (x)
		y = 1;
	if (x > 1) z = 2;
}
