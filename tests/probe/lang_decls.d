/* declarations: typed globals, thread-locals, D structs, enums and typedefs */
int total;
self string label;
struct point { int x; int y; char tag[8]; };
enum color { RED, GREEN = 5, BLUE };
typedef unsigned char byte_t;

BEGIN
{
	total = 3;
	self->label = "lbl";
	printf("%d %s\n", total, self->label);
	printf("%d %d %d %d\n", sizeof(struct point), offsetof(struct point, tag), GREEN, BLUE);
	b = (byte_t)300;
	printf("%d %d\n", b, sizeof(byte_t));
	exit(0);
}
