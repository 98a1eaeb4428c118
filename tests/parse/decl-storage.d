extern int x;
static int y;
register int z;
auto int w;
extern unsigned long long jiffies;
