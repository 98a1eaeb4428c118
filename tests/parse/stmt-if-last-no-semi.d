BEGIN
{
	if (x) { y = 1 }
	if (z) { trace(z) } else { trace(0) }
}
