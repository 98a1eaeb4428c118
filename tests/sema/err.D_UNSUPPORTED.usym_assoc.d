BEGIN
{
	a[ufunc(arg0)] = 1;
}
