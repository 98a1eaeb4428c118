// leading
BEGIN // after pspec
{ // in body
	x = 1; // trailing
	// y = 2;
}
