#pragma D option strsize=64
BEGIN, END, tick-1s
/1/
{ x = 1; x++; trace(x); printf("%s %d\n", execname, pid); exit(0); }
