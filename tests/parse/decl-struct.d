struct foo {
	int a;
	char *b;
	long c[4];
	struct foo *next;
};
