translator struct foo < userland struct bar *P > { x = P->x; };
