#pragma D option quiet
typedef struct stats { uint64_t count; uint64_t bytes; } stats_t;
inline int MAXLEN = 256;
self uint64_t ts;
int counts[string];

syscall::read:entry, syscall::write:entry
/pid == $target/
{
	self->ts = timestamp;
	this->len = (size_t)arg2 > MAXLEN ? MAXLEN : arg2;
}

syscall::read:return, syscall::write:return
/self->ts/
{
	@time[probefunc] = sum(timestamp - self->ts);
	counts[probefunc]++;
	if (arg0 < 0) {
		@errs[probefunc, errno] = count();
	} else if (arg0 == 0)
		@eof[probefunc] = count();
	else {
		@bytes = quantize(arg0);
	}
	self->ts = 0
}

END
{
	printa(@time);
	printf("%d %d\n", counts["read"], counts["write"]);
}
