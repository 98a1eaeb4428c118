BEGIN
{
	chill(100);
}
