BEGIN { a = `max_pfn; b = vmlinux`jiffies; c = &`max_pfn; d = *(int *)&`foo; e = mod_1`sym_2; }
