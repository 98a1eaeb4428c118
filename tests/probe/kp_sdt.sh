# sdt: kernel tracepoints with their record's fields as arguments.  The
# trigger makes 700 getppid() calls and one failing openat(); sdt counts
# the getppid tracepoint exactly, sees openat's return value (-ENOENT) in
# the record, the exiting task's comm (a char array field) and pid, and the
# path of an exec (a __data_loc string field).
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 700 & tpid=$!
out=$("$DTRACE" -qn '
sdt:syscalls::sys_enter_getppid /pid == $1/ { n++; }
sdt:syscalls::sys_exit_openat /pid == $1/ { printf("getppid %d openat %d %d\n", n, arg0, args[0]); }
sdt:sched::sched_process_exit /args[1] == $1/ { printf("exit %s %d\n", stringof(args[0]), arg1 == $1); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
want='getppid 700 openat -2 -2
exit syscalls 1'
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }

# A __data_loc field: the exec'ed file's name.
T=$(realpath "$T")
(sleep 1; exec "$T" 0 0) & epid=$!
out=$("$DTRACE" -qn '
sdt:sched::sched_process_exec /args[1] == $1/ { printf("%s\n", stringof(args[0])); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $epid) || { echo "$out"; exit 1; }
wait $epid
[ "$out" = "$T" ] || { echo "exec: got '$out', want '$T'"; exit 1; }

# Listing: every tracepoint of tracefs, as sdt:<group>::<event>.
want=$(wc -l < /sys/kernel/tracing/available_events)
got=$("$DTRACE" -l -P sdt | tail -n +2 | wc -l)
[ "$got" = "$want" ] || { echo "sdt lists $got probes, tracefs has $want"; exit 1; }
got=$("$DTRACE" -l -n sdt:sched::sched_switch | tail -1 | awk '{print $2, $3, $4}')
[ "$got" = "sdt sched sched_switch" ] || { echo "listing: $got"; exit 1; }
