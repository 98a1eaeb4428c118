BEGIN { a = -x[1]; b = *p++; c = -s.y; d = &q->r; e = !f(x); g = ~p->flags; }
