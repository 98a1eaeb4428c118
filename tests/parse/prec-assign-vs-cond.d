BEGIN { x = a ? b : c; y = z ? 1 : 2, w = 3; }
