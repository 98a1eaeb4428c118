struct foo /* tag */ {
	int a; /* member */
	// another
	int b;
};
int /* between */ x;
