struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
struct a {
int x;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
} y;
};
