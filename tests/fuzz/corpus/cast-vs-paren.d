BEGIN { a = (x) - 1; b = (uint32_t) - 1; c = (x)(1); d = (x)[1]; e = (size_t) * p; f = (y) * p; }
