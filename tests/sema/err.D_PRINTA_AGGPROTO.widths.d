BEGIN
{
	@foo[1, (char)2] = sum(123);
	@bar[1, 2] = sum(456);
	printa(@foo, @bar);
}
