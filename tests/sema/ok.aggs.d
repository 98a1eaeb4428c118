BEGIN { @a[execname, pid] = count(); @q = quantize(1); printa(@a); printa("%s %d %@d\n", @a); }
