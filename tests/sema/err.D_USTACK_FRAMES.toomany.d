BEGIN
{
	ustack(128);
}
