#!/usr/sbin/dtrace -s
#pragma D option quiet
syscall::read:entry, syscall::write:entry
/pid == $target && execname != "sh"/
{
	self->ts = timestamp;
	@counts[probefunc, execname] = count();
	this->x = (int)arg0 + sizeof(uint64_t) * 2;
}
BEGIN/x/{ trace(1) }
tick-1ms { if (x > 1) { y = 2; } else if (x) z = 3; else { w = `max_pfn; } }
profile-997hz END
123 { @ = count(); }
int x;
self int y[int, string];
typedef struct foo { int a; unsigned long long b : 3; char *c[4]; } foo_t;
foo_t *fp;
inline int ONE = 1;
translator foo_t < struct task_struct *T > { a = T->pid; b = 1; };
