/*
 * Speculations: speculation() hands out ids 1..nspec and 0 (counted as a
 * failed speculation) when none is free; speculative records print only
 * when committed, after the committing record, in the order they were
 * traced; discarded ones never; a committed id is free again; speculate(0)
 * records nothing; an id beyond nspec is an illegal operation.
 */
#pragma D option quiet
#pragma D option nspec=2

BEGIN { a = speculation(); b = speculation(); c = speculation(); printf("ids %d %d %d\n", a, b, c); }
BEGIN { speculate(a); printf("spec a 1\n"); }
BEGIN { speculate(b); printf("spec b 1\n"); }
BEGIN { speculate(a); printf("spec a 2 %d\n", 42); }
BEGIN { printf("not speculative\n"); }
BEGIN { discard(b); }
BEGIN { printf("committing a\n"); }
BEGIN { commit(a); }
BEGIN { printf("after commit\n"); d = speculation(); printf("reuse %d\n", d); }
BEGIN { speculate(d); printf("spec d\n"); }
BEGIN { speculate(0); printf("never\n"); }
BEGIN { speculate(b); printf("never: b was discarded\n"); }
BEGIN { speculate(a); printf("a is d now\n"); }
BEGIN { commit(d); }
BEGIN { speculate(3); printf("beyond nspec\n"); }
BEGIN { exit(0); }
