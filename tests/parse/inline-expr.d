inline int MASK = (1 << 4) - 1;
inline int SIGN = x < 0 ? -1 : 1;
