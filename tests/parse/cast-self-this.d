BEGIN { a = (self->x); b = (this->y) + 1; c = (int)self->x; }
