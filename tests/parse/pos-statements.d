tick-1s
/x/
{
	;
	if (a) {
		b = 1;
	} else
		c = 2;
	d = 3
}
