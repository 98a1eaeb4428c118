BEGIN { x = a << 2; y = a >> 3; }
