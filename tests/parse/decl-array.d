int a[10];
char buf[256];
int m[2][3];
int e[];
int n[4 * 4];
