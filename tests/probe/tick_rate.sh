# tick-1ms must keep time: 1000 firings a second, even on an idle vCPU.
out=$("$DTRACE" -qn 'tick-1ms { n++; } tick-1s { printf("%d\n", n); exit(0); }') || exit 1
n=$(echo "$out" | head -1)
echo "tick-1ms fired $n times in 1s"
[ "$n" -ge 990 ] && [ "$n" -le 1010 ]
