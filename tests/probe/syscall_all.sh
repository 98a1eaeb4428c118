# syscall:::entry (every system call) attaches as one program and sees every
# call of the traced process; probefunc names the call.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 500 & tpid=$!
out=$("$DTRACE" -qn '
syscall:::entry /pid == $1/ { n++; }
syscall:::return /pid == $1 && arg0 == -2/ { printf("%d %s\n", n >= 500, probefunc); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
[ "$out" = "1 openat" ] || { echo "got '$out'"; exit 1; }
# (the suite checks that no program of ours stays loaded; links die with them)
