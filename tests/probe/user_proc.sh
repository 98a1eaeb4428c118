# -c and -p: $target, DTrace's exit notices, several processes, errors, and no
# descriptor of ours in a created process.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
# $target in a predicate; a nonzero exit status is reported as DTrace does.
err=$("$DTRACE" -n 'syscall::exit_group:entry /pid == $target/ { trace(arg0); }' -c false 2>&1 >/dev/null)
echo "$err" | grep -Eq "^dtrace: pid [0-9]+ exited with status 1$" || fail "status notice: $err"
# -p: a running process, traced until it exits; pid probes placed while it runs.
"$T/ufunc" 20 50 & p=$!
out=$("$DTRACE" -q -p $p -n 'pid$target:a.out:ufunc_add:entry { n++; } END { printf("%d\n", n > 0 && n <= 20); }' 2>&1); rc=$?
wait $p; prc=$?
[ $rc = 0 ] && [ "$out" = "1" ] || fail "-p: rc $rc, '$out'"
[ $prc = 0 ] || fail "-p: the traced process failed ($prc)"
# Two -c: both run, both are reported, $target is the last.
err=$("$DTRACE" -c "$T/ufunc 3" -c "$T/ufunc 5" \
	-n 'pid$target:a.out:ufunc_add:entry { @ = count(); }' 2>&1 >/tmp/user_proc.out)
[ "$(echo "$err" | grep -Ec '^dtrace: pid [0-9]+ has exited$')" = 2 ] || fail "two -c: $err"
[ "$(tr -d ' \n' </tmp/user_proc.out)" = 5 ] || fail "two -c: count $(cat /tmp/user_proc.out)"
# A command that cannot run, a process that does not exist, $target without either.
err=$("$DTRACE" -n 'BEGIN' -c /nonexistent/cmd 2>&1); rc=$?
[ $rc = 1 ] && [ "$err" = "dtrace: failed to execute /nonexistent/cmd: No such file or directory" ] ||
	fail "bad -c: $rc '$err'"
err=$("$DTRACE" -n 'BEGIN' -p 999999999 2>&1); rc=$?
[ $rc = 1 ] && echo "$err" | grep -q "^dtrace: failed to grab pid 999999999: No such process" ||
	fail "bad -p: $rc '$err'"
err=$("$DTRACE" -x errtags -n 'pid$target:::entry' 2>&1); rc=$?
[ $rc = 1 ] && echo "$err" | grep -q "D_MACRO_UNDEF" || fail "no target: $rc '$err'"
# A created process holds no descriptor of ours: ls sees what it sees without dtrace.
want=$(ls /proc/self/fd)
fds=$("$DTRACE" -q -n 'syscall::getdents64:entry /pid == $target/ { }' -c 'ls /proc/self/fd')
[ "$(echo $fds)" = "$(echo $want)" ] || fail "inherited descriptors: $(echo $fds), not $(echo $want)"
exit 0
