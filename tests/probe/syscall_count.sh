# syscall::getppid:entry fires once per call of the traced process, with its pid;
# the return probe of a failing openat() has the negative errno in arg0 and arg1.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 1000 & tpid=$!
out=$("$DTRACE" -qn '
syscall::getppid:entry /pid == $1/ { n++; }
syscall::openat:return /pid == $1/ { printf("%d %d %d %s:%s\n", n, arg0, arg1, probefunc, probename); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
[ "$out" = "1000 -2 -2 openat:return" ] || { echo "got '$out'"; exit 1; }
