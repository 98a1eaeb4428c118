# copyinstr() of a syscall's path argument, errno on return, and a faulting
# copyinstr reported as DTrace reports it (ERROR, "invalid address").
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 3 1000 & tpid=$! # 1 s for dtrace to attach, also under ASan on a loaded machine
out=$("$DTRACE" -qn '
syscall::openat:entry /pid == $1/ { printf("%s %s\n", probefunc, copyinstr(arg1)); }
syscall::getppid:return /pid == $1/ { printf("getppid errno=%d\n", errno); }
syscall::openat:return /pid == $1/ { printf("openat errno=%d ret=%d\n", errno, arg1); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
want='getppid errno=0
getppid errno=0
getppid errno=0
openat /nonexistent/dtrace-trigger
openat errno=2 ret=-2'
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }
err=$("$DTRACE" -qn 'BEGIN { trace(copyinstr(0)); } BEGIN { exit(0); }' 2>&1 >/dev/null)
[ "$err" = "dtrace: error on enabled probe ID 1 (ID 1: dtrace:::BEGIN): invalid address (0x0) in action #1" ] ||
	{ echo "fault message: $err"; exit 1; }
