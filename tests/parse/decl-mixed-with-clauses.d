int x;
BEGIN { x = 1; }
self int y;
END { self->y = x; }
