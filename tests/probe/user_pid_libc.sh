# pid provider on libc: the module by basename, short name and glob; every function of libc
# at once (thousands of probes on one multi-uprobe link per kind); listing with -l.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
# exit() is called exactly once, whichever way the module is named.
for mod in libc libc.so.6 'libc*'; do
	out=$("$DTRACE" -q -c "$T/ufunc 3" -n "pid\$target:$mod:exit:entry { printf(\"%s %s %d\\n\", probemod, probefunc, arg0); }") ||
		fail "$mod: exit status $?"
	[ "$out" = "libc.so.6 exit 0" ] || fail "$mod: '$out'"
done
# Every entry and return of libc, in a process that must still run correctly.
out=$("$DTRACE" -q -c "$T/ufunc 50" -n 'pid$target:libc::entry { @e = count(); } pid$target:libc::return { @r = count(); }
	pid$target:libc:exit:entry { @x = count(); } END { printa("%@d ", @e); printa("%@d ", @r); printa("%@d\n", @x); }' 2>&1) ||
	fail "all of libc: $? $out"
set -- $out
[ "$1" -gt 5 ] && [ "$2" -gt 0 ] && [ "$2" -lt "$1" ] && [ "$3" = 1 ] || fail "all of libc: '$out'"
# Listing: entry and return of malloc, module named by its basename.
n=$("$DTRACE" -l -n 'pid$target:libc:malloc:' -c "$T/ufunc 1" | grep -Ec '^ *[0-9]+ +pid[0-9]+ +libc\.so\.6 +malloc (entry|return)$')
[ "$n" = 2 ] || fail "listing: $n"
# A function that does not exist matches nothing: DTrace's error.
err=$("$DTRACE" -n 'pid$target::no_such_function_here:entry' -c "$T/ufunc 1" 2>&1); rc=$?
[ $rc = 1 ] && echo "$err" | grep -q 'does not match any probes' || fail "no match: $rc $err"
exit 0
