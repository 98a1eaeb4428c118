BEGIN
{
	system("echo %d", "x");
}
