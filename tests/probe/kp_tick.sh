# The issue's check: tick-1ms fires 1000 +- 2 times in each of 5 seconds.
out=$("$DTRACE" -qn 'tick-1ms { n++ } tick-1s { printf("%d\n", n); n = 0 } tick-5s { exit(0) }') ||
	exit 1
[ "$(echo "$out" | wc -l)" -ge 4 ] || { echo "got: $out"; exit 1; }
echo "$out" | awk '$1 < 998 || $1 > 1002 { bad = 1 } END { exit bad }' || { echo "got: $out"; exit 1; }
