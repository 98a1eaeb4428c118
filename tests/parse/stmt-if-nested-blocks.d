BEGIN
{
	if (a) {
		if (b) {
			if (c) { x = 1; }
		}
	}
}
