struct bf {
	unsigned int a : 1, b : 3;
	int : 0;
	int c : 4;
	unsigned d : 2 + 1;
};
