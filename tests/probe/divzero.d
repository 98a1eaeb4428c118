
BEGIN { x = 0; printf("before\n"); y = 1 / x; printf("never\n"); }
ERROR { printf("ERROR fired: fault %d\n", arg4); }
BEGIN { printf("after\n"); exit(0); }
