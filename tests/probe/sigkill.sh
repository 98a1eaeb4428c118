# After SIGKILL nothing of ours stays loaded: the kernel frees programs, maps
# and timers with the fds.  Only this dtrace's programs are looked at
# (someone else may be tracing beside the test).
"$DTRACE" -qn 'tick-1ms { n++; }' >/dev/null 2>&1 &
pid=$!
sleep 1
ids=$(grep -hs '^prog_id:' /proc/$pid/fdinfo/* | awk '{ print $2 }' | sort -u)
bpftool prog list | grep ' name dt_tick' | grep -qE "^($(echo $ids | tr ' ' '|')):" ||
	{ echo "tick program was not loaded"; kill -9 $pid; exit 1; }
kill -9 $pid; wait $pid 2>/dev/null
left() { bpftool prog list | awk '/ name dt_/ { sub(":", "", $1); print $1 }' | grep -xF "$ids"; }
for i in $(seq 50); do
	left >/dev/null || exit 0
	sleep 0.1
done
echo "programs still loaded 5s after SIGKILL: $(left | tr '\n' ' ')"
exit 1
