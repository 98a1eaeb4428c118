struct outer {
	struct inner {
		int x;
	} in;
	union {
		int i;
		char c[4];
	} u;
	struct { long y; } anon;
};
