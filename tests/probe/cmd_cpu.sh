# -x cpu=N: clauses run only for firings on CPU N (BEGIN and END still run).
# The trigger is bound to CPU 1; counting its getppid() calls on CPU 1 sees
# all 50, on CPU 0 none (dtrace, and so its tick timer, runs on CPU 0).
[ "$(nproc)" -ge 2 ] || { echo "needs 2 CPUs"; exit 77; }
T=$(dirname "$DTRACE")/triggers/syscalls
count() {
	taskset -c 1 "$T" 50 & local tpid=$!
	taskset -c 0 "$DTRACE" -q -x cpu=$1 -n '
	BEGIN { n = 0; }
	syscall::getppid:entry /pid == $1/ { n++; }
	syscall::openat:return /pid == $1/ { exit(0); }
	tick-3s { exit(0); }
	END { printf("%d\n", n); }' $tpid
	wait $tpid
}
got=$(count 1); [ "$got" = 50 ] || { echo "cpu=1: '$got', want 50"; exit 1; }
got=$(count 0); [ "$got" = 0 ] || { echo "cpu=0: '$got', want 0"; exit 1; }
out=$("$DTRACE" -x cpu=4096 -n 'BEGIN { exit(0); }' 2>&1) && { echo "cpu=4096 accepted"; exit 1; }
echo "$out" | grep -q "cpu 4096 does not exist" || { echo "cpu=4096: '$out'"; exit 1; }
