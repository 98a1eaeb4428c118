BEGIN
{
	if (1) {
		speculate(1);
	}
}
