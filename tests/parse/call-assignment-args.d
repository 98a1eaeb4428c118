BEGIN { f(a = 1, b += 2); g((a, b)); }
