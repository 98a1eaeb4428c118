#pragma D option quiet
BEGIN /1 == 2/ { printf("wrong\n"); }
BEGIN /1 < 2/ { printf("first\n"); }
BEGIN { n = 3; }
BEGIN /n > 2/ { printf("second %d\n", n); }
BEGIN /n > 5/ { printf("wrong\n"); }
BEGIN
{
	if (n == 3)
		printf("if\n");
	else
		printf("wrong\n");
	if (n == 4) {
		printf("wrong\n");
	} else if (n == 3) {
		printf("else if\n");
	} else {
		printf("wrong\n");
	}
	exit(0);
}
