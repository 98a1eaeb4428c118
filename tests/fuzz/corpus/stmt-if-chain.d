BEGIN
{
	if (x == 1)
		a = 1;
	else if (x == 2)
		a = 2;
	else if (x == 3) {
		a = 3;
	} else
		a = 4;
}
