#pragma D option quiet
BEGIN
{
	x = 10; y = 3; z = -7;
	printf("%d %d %d %d %d\n", x + y, x - y, x * y, x / y, x % y);
	printf("%d %d %d %d\n", z / 2, z % 2, z >> 1, -z << 2);
	printf("%d %d %d %d\n", x & y, x | y, x ^ y, ~x);
	printf("%d %d %d %d %d %d\n", x < y, x <= y, x > y, x >= y, x == y, x != y);
	printf("%d %d %d %d\n", x && 0, x || 0, x ^^ y, !x);
	printf("%d %d\n", x > y ? x : y, x < y ? x : y);
	x += 5; y -= 1; z *= 2;
	printf("%d %d %d\n", x, y, z);
	printf("%d %d %d %d\n", x++, x, ++x, x--);
	printf("%d\n", (x, y));
	exit(0);
}
