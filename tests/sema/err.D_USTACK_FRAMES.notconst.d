BEGIN
{
	ustack(arg0);
}
