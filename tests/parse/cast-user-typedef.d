typedef int myint_t;
BEGIN { a = (myint_t)x; b = (myint_t) - y; c = (notatype) - y; }
