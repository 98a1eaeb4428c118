BEGIN
{
	a = "a\tb\n";
	b = "\"quoted\"";
	c = "back\\slash";
	d = "\x41\101";
	e = "nul\0mid";
	f = "\a\b\f\r\v";
	g = "\?'";
	h = "\x7e\177\200\xff";
	i = "/* not a comment */ // nor this";
}
