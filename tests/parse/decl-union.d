union u {
	int i;
	char c[4];
	void *p;
};
