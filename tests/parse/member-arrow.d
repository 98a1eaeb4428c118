BEGIN { a = curthread->pid; b = curpsinfo->pr_psargs; c = args[1]->b_flags; d = s.a.b; e = p->pid_t; }
