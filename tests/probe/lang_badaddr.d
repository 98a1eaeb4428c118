/* a bad pointer stops the clause with DTrace's error; ERROR's clauses run */
BEGIN
{
	printf("before\n");
	x = *(int *)0;
	printf("not reached\n");
}

ERROR
{
	printf("ERROR: fault %d addr %d\n", arg4, arg5);
	exit(0);
}
