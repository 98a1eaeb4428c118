# The pre-6.6 path: with no multi-uprobe links, each uprobe is a perf uprobe event (the
# uprobe PMU) attached by a BPF link with the probe id as cookie.  DTRACE_UPROBE_PERF takes
# that path on any kernel: the exact pid counts, return values and USDT semaphores again.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
[ -e /sys/bus/event_source/devices/uprobe/type ] || { echo "no uprobe PMU"; exit 77; }
export DTRACE_UPROBE_PERF=1
out=$("$DTRACE" -q -c "$T/ufunc 50" -n 'pid$target:a.out:ufunc_add:entry { @n = count(); @a = sum(arg1); }
	pid$target:a.out:ufunc_add:return { @r = sum(arg1); } END { printa("%@d ", @n); printa("%@d ", @a);
	printa("%@d\n", @r); }') || fail "exit status $?"
[ "$out" = "50 2450 3675" ] || fail "pid: '$out'"
"$T/usdt" 0 | grep -q 'no sys/sdt.h' && exit 0
out=$("$DTRACE" -q -c "$T/usdt 2" -n 'dtt$target:::report { printf("%d %d\n", arg0, arg1); }') ||
	fail "usdt: exit status $?"
[ "$(echo "$out" | sort | tr '\n' ' ')" = "0 1 1 1 end 1 start 1 " ] || fail "usdt: '$out'"
exit 0
