BEGIN
{
	ufunc(arg0);
	uaddr(arg0);
	umod(arg0);
	usym(arg0);
	@[ufunc(arg0), umod(arg1)] = count();
}
