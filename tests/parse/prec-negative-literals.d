BEGIN { a = -1; b = - -1; c = x-1; d = x - -1; e = 1-1; }
