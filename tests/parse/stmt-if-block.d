BEGIN
{
	if (x) {
		y = 1;
		z = 2;
	} else {
		w = 3;
	}
}
