BEGIN { @[pid, tid] = count(); @ = sum(1); }
