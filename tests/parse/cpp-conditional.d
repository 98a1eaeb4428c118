#if 0
this is not D at all
#else
BEGIN { x = 1; }
#endif
#ifdef FOO
END { y = FOO; }
#endif
#ifndef NOT_DEFINED
tick-1s { z = 3; }
#endif
