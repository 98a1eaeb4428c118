# bufpolicy=fill: the first record the 4 KB buffer cannot take stops
# tracing, as exit(0) would: dtrace ends on its own, END runs, the lines
# printed are a prefix of the 1000 the trigger causes, and the drop is
# reported.  bufpolicy=ring is refused with the reason.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 1000 & tpid=$!
err=$(mktemp)
out=$("$DTRACE" -q -b 4k -x bufpolicy=fill -x strsize=300 -n '
syscall::getppid:entry /pid == $1/ { printf("%d %s\n", ++n, execname); }
tick-10s { printf("timed out\n"); exit(1); }
END { printf("end\n"); }' $tpid 2>"$err"); rc=$?
wait $tpid
e=$(cat "$err"); rm -f "$err"
[ $rc = 0 ] || { echo "rc $rc: $e"; exit 1; }
last=$(echo "$out" | tail -1)
lines=$(echo "$out" | grep -c syscalls)
[ "$last" = end ] && [ "$lines" -gt 0 ] && [ "$lines" -lt 1000 ] ||
	{ echo "fill: $lines lines, last '$last'"; exit 1; }
[ "$(echo "$out" | grep syscalls | awk '{print $1}' | tr '\n' ' ')" = "$(seq -s ' ' 1 $lines) " ] ||
	{ echo "fill: not a prefix"; exit 1; }
echo "$e" | grep -Eq '^dtrace: [0-9]+ drops? on CPU' || { echo "fill: no drop reported: '$e'"; exit 1; }
out=$("$DTRACE" -x bufpolicy=ring -n 'BEGIN { exit(0); }' 2>&1) && { echo "ring accepted"; exit 1; }
echo "$out" | grep -q "bufpolicy=ring is not supported" || { echo "ring: '$out'"; exit 1; }
