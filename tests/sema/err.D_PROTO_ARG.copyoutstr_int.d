BEGIN
{
	copyoutstr(1, 2, 3);
}
