BEGIN { a = sizeof(int); b = sizeof(struct foo); c = sizeof(uint64_t); d = sizeof(char *); e = sizeof(unsigned long long); }
