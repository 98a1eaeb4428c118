BEGIN { (x) = 1; a[1] += 2; *p = 3; s.x = 1; self->x[2] = 3; p->q = 4; this->y++; (a, b) = c; }
