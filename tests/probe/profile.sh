# profile-997 samples a busy CPU about 997 times a second, with the user PC in
# arg1 when it interrupted user code.  (Idle vCPUs are sampled rarely here:
# CPU-clock events barely fire on them, so only the busy CPU is checked.)
taskset -c 0 timeout 4 sh -c 'while :; do :; done' & busy=$!
sleep 0.2
out=$("$DTRACE" -qn 'profile-997 /cpu == 0/ { n++; u += arg1 != 0; }
	tick-1s { printf("%d %d\n", n, u > n / 2); exit(0); }') || exit 1
kill $busy 2>/dev/null; wait $busy 2>/dev/null
n=${out% *}; user=${out#* }
echo "profile-997 on a busy CPU: $n samples in 1 s, mostly user: $user"
[ "$n" -ge 900 ] && [ "$n" -le 1010 ] && [ "$user" = 1 ]
