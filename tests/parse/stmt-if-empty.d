BEGIN
{
	if (x) ; else ;
	if (y) {} else {}
}
