BEGIN { a = sizeof x; b = sizeof(x); c = sizeof *p; d = sizeof(x) + 1; e = sizeof (p->q); f = sizeof sizeof x; }
