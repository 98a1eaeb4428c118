BEGIN { x = a[1][2]; y = f(x).y->z; z = a.b.c; w = p->q->r; v = a[0]->b.c[1]; }
