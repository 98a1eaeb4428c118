provider p {
	probe x(struct foo *) : (struct bar *);
	probe y(int a, char *b) : (int, string);
	probe z(void);
};
