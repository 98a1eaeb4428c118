#define N 10
#define NAME "dtrace"
BEGIN { x = N; y = NAME; }
