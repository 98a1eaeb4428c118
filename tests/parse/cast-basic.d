BEGIN { a = (int)x; b = (unsigned long)x; c = (char)x; d = (uint64_t)x; e = (long long)x; f = (unsigned)x; g = (signed char)x; }
