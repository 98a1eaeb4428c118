BEGIN { a[1] = 2; a[1, "x"] = 3; a["k"]++; b[pid, tid, execname] += 1; }
