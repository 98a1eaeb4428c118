BEGIN
{
	if (a) if (b) x = 1; else x = 2;
}
