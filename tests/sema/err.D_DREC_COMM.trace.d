BEGIN
{
	discard(2);
	commit(1);
	trace(1);
}
