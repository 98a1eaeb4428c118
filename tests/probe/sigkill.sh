# After SIGKILL nothing of ours stays loaded: the kernel frees programs, maps and timers with the fds.
"$DTRACE" -qn 'tick-1ms { n++; }' >/dev/null 2>&1 &
pid=$!
sleep 1
bpftool prog list | grep -q ' name dt_tick' || { echo "tick program was not loaded"; kill -9 $pid; exit 1; }
kill -9 $pid; wait $pid 2>/dev/null
for i in $(seq 50); do
	bpftool prog list | grep -q ' name dt_' || exit 0
	sleep 0.1
done
echo "dt_ programs still loaded 5s after SIGKILL:"; bpftool prog list | grep ' name dt_'
exit 1
