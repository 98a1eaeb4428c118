# Destructive actions: refused without -w (DTrace's message), allowed with -w
# or the destructive option; system() output in order with dtrace's; raise()
# and stop() signal the traced process; copyout()/copyoutstr() write to it
# where the kernel allows bpf_probe_write_user() and are refused clearly
# where it does not (kernel lockdown).
T=$(dirname "$DTRACE")/triggers/syscalls
fail() { echo "$*"; exit 1; }

out=$("$DTRACE" -qn 'BEGIN { system("echo no"); exit(0); }' 2>&1); rc=$?
[ $rc = 1 ] && [ "$out" = "dtrace: could not enable tracing: Destructive actions not allowed" ] ||
	fail "without -w: rc $rc, '$out'"

out=$("$DTRACE" -wqn 'BEGIN { printf("before\n"); system("echo %s %d", "hello", 42);
	printf("after\n"); exit(0); }') || fail "system: rc $?"
[ "$out" = "$(printf 'before\nhello 42\nafter')" ] || fail "system: '$out'"
out=$("$DTRACE" -qn '#pragma D option destructive
BEGIN { system("echo pragma"); exit(0); }') || fail "pragma: rc $?"
[ "$out" = "pragma" ] || fail "pragma: '$out'"

# raise(SIGKILL) at the trigger's first getppid()
"$T" 3 & tpid=$!
"$DTRACE" -wqn 'syscall::getppid:entry /pid == $1/ { raise(9); exit(0); }' $tpid || fail "raise: dtrace"
wait $tpid; rc=$?
[ $rc = 137 ] || fail "raise: trigger exit status $rc, want 137 (SIGKILL)"

# stop(): the trigger is stopped (state T) until continued
"$T" 3 & tpid=$!
"$DTRACE" -wqn 'syscall::getppid:entry /pid == $1/ { stop(); exit(0); }' $tpid || fail "stop: dtrace"
sleep 0.2
state=$(awk '{print $3}' /proc/$tpid/stat)
kill -CONT $tpid; wait $tpid
[ "$state" = T ] || fail "stop: trigger state '$state', want T"

# copyout(), copyoutstr(): rewrite the path the trigger opens
"$T" 3 & tpid=$!
out=$("$DTRACE" -wqn 'syscall::openat:entry /pid == $1/ {
	copyout(curthread->comm, arg1, 4); printf("[%s]", copyinstr(arg1));
	copyoutstr("/dev/null", arg1, 64); printf("[%s]\n", copyinstr(arg1)); exit(0); }' $tpid 2>&1)
rc=$?
wait $tpid; trc=$?
if [ $rc = 0 ]; then
	[ "$out" = "[sysconexistent/dtrace-trigger][/dev/null]" ] && [ $trc = 1 ] ||
		fail "copyout: '$out', trigger status $trc (1: /dev/null opened)"
else
	[ "$out" = "dtrace: could not enable tracing: copyout( ) and copyoutstr( ) are not available: this kernel refuses bpf_probe_write_user() (kernel lockdown)" ] ||
		fail "copyout refused: '$out'"
fi

# raise() where the program cannot signal: refused at compile time
out=$("$DTRACE" -wqn 'BEGIN { raise(9); }' 2>&1) && fail "raise in BEGIN accepted"
echo "$out" | grep -q "raise( ) cannot be used in dtrace:::BEGIN" || fail "raise in BEGIN: '$out'"
exit 0
