BEGIN { @ = count(); @a = count(); @a[k] = sum(x); @a[k1, k2] = avg(x); @[execname] = max(x); @m[1, "a", 3] = min(x); }
