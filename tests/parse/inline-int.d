inline int ONE = 1;
