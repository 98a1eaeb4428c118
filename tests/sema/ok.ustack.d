BEGIN
{
	ustack();
	ustack(5);
	ustack(5, 100);
	trace(ustackdepth);
	trace(ucaller);
}
