# rawtp: raw tracepoints, arguments typed from the kernel's btf_trace_<event>
# (args[0] of sched_process_exit is a struct task_struct *; args[1] of
# raw_syscalls' sys_enter the syscall number).  Counts are exact.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 300 & tpid=$!
out=$("$DTRACE" -qn '
rawtp:raw_syscalls::sys_enter /pid == $1 && args[1] == '"$(printf '#include <sys/syscall.h>\nSYS_getppid' | cpp -P | tail -1)"'/ { n++; }
rawtp:sched::sched_process_exit /args[0]->tgid == $1/ {
	printf("%d %s %d\n", n, args[0]->comm, args[0]->pid == $1); exit(0);
}
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
[ "$out" = "300 syscalls 1" ] || { echo "got '$out'"; exit 1; }
got=$("$DTRACE" -l -n rawtp:sched::sched_switch | tail -1 | awk '{print $2, $3, $4}')
[ "$got" = "rawtp sched sched_switch" ] || { echo "listing: $got"; exit 1; }
