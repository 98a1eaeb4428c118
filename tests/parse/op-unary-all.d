BEGIN
{
	x = -a;
	x = +a;
	x = !a;
	x = ~a;
	x = *p;
	x = &y;
	++a;
	--a;
	a++;
	a--;
}
