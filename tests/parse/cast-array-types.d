BEGIN { a = sizeof(int[3]); b = sizeof(int *[2]); c = sizeof(int (*)[2]); d = sizeof(char [2][3]); }
