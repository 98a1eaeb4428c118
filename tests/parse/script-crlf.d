BEGIN
{
	x = 1;
	if (x)
		y = "a";
}
#pragma D option quiet
