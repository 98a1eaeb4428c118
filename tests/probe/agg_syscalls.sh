# Aggregations on real probes: exact counts per system call, printa() with and
# without a format, and the aggregations printa() printed are not printed again.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 1000 1000 & tpid=$! # 1 s for dtrace to attach, also under ASan on a loaded machine
out=$("$DTRACE" -qn '
syscall::getppid:entry, syscall::openat:entry /pid == $1/ { @c[probefunc] = count(); @n = count(); }
syscall::openat:return /pid == $1/ { printa(@c); printa("%s=%@d\n", @c); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
want=$(printf '\n  %-50s %16d\n  %-50s %16d\nopenat=1\ngetppid=1000\n\n %16d' openat 1 getppid 1000 1001)
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }
