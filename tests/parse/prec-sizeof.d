BEGIN { x = sizeof a + b; y = sizeof(a) * 2; z = sizeof -a; w = sizeof a[1]; }
