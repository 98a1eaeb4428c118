#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define STR(x) #x
BEGIN { m = MAX(x, 10); s = STR(hello); }
