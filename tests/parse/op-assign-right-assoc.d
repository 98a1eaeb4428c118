BEGIN { a = b = c = 0; x += y -= 1; }
