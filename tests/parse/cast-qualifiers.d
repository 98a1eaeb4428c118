BEGIN { a = (const char *)x; b = (volatile int)x; c = (userland struct foo *)p; d = (const volatile unsigned long)x; }
