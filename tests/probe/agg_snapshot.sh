# Snapshots while the kernel keeps counting: every millisecond printa() then
# clear() (or trunc()) while a process makes N system calls.  The printed
# counts must add up to exactly N, keyed or not (no increment lost or counted
# twice across a clear or a trunc), and an avg() of a constant must print that
# constant in every snapshot (no value seen half updated).
T=$(dirname "$DTRACE")/triggers/syscalls
N=200000
for reset in clear trunc; do
	"$T" $N & tpid=$!
	out=$("$DTRACE" -qn "
syscall::getppid:entry /pid == \$1/ { @n = count(); @k[timestamp & 3] = count(); @a = avg(7); }
tick-1ms { printa(\"n %@d\n\", @n); printa(\"k %d %@d\n\", @k); printa(\"a %@d\n\", @a);
	$reset(@n); $reset(@k); $reset(@a); }
syscall::openat:return /pid == \$1/ { exit(0); }
END { printa(\"n %@d\n\", @n); printa(\"k %d %@d\n\", @k); }
tick-30s { printf(\"timed out\n\"); exit(1); }" $tpid) || { echo "$out" | tail; exit 1; }
	wait $tpid
	n=$(awk '$1 == "n" { s += $2 } END { print s + 0 }' <<<"$out")
	k=$(awk '$1 == "k" { s += $3 } END { print s + 0 }' <<<"$out")
	snaps=$(grep -c '^n [1-9]' <<<"$out")
	torn=$(awk '$1 == "a" && $2 != 7 && $2 != 0' <<<"$out" | head -3)
	[ "$n" = $N ] && [ "$k" = $N ] || { echo "$reset: counted n=$n k=$k, want $N"; exit 1; }
	[ "$snaps" -ge 3 ] || { echo "$reset: only $snaps snapshots with data"; exit 1; }
	[ -z "$torn" ] || { echo "$reset: avg(7) printed as: $torn"; exit 1; }
done
