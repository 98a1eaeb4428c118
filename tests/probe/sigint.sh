# The first SIGINT runs END, drains and exits 0; nothing is left loaded.
"$DTRACE" -qn 'tick-10ms { n++; } END { printf("end %d\n", n > 0); }' >/tmp/dt-sigint.out 2>&1 &
pid=$!
sleep 1
kill -INT $pid
wait $pid; rc=$?
out=$(cat /tmp/dt-sigint.out)
[ $rc = 0 ] || { echo "exit status $rc: $out"; exit 1; }
grep -qx "end 1" <<<"$out" || { echo "no END output: $out"; exit 1; }
