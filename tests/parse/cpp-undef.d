#ifdef BAR
BEGIN { bar = 1; }
#else
BEGIN { nobar = 1; }
#endif
