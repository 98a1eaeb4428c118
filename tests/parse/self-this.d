BEGIN { self->ts = timestamp; this->x = 1; self->a[1] = 2; y = this->p->q; }
