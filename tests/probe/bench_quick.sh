# The benchmark driver's smoke run (BENCH_QUICK=1, about 45 s): every case runs
# for dtrace and bpftrace, no dtrace figure is missing, failed or timed out,
# dtrace prints every key of the 10k-key aggregation and counts ticks, and
# nothing of ours is left attached (bench/run.sh's own exit status).
command -v bpftrace >/dev/null || { echo "bpftrace missing: DT_DEPS_EXTRA=bpftrace make deps"; exit 77; }
B=$(dirname "$DTRACE")
make -s B="$B" "$B/bench/hot" "$B/bench/meter" "$B/bench/floor" >/dev/null || exit 1
out=$(BENCH_QUICK=1 BENCH_LOCKED=1 bench/run.sh "$B" 2>&1) || {
	echo "bench/run.sh failed:"; echo "$out" | tail -n 40; exit 1; }
bad() { echo "$1"; echo "$out" | tail -n 60; exit 1; }
# Rows whose dtrace column (the second) failed; fire() reports failed variants on stderr.
awk -F'|' '$3 ~ /failed|timed out/' <<<"$out" | grep . && bad "a dtrace case failed"
grep '^bench: dt_.* failed' <<<"$out" && bad "a dtrace per-firing run failed"
[ "$(grep -c '^## ' <<<"$out")" = 9 ] || bad "not every case printed its table"
row() { grep -m 1 -F "| $1 |" <<<"$out" | awk -F'|' -v c="$2" '{ gsub(/ /, "", $c); print $c }'; }
for p in '@ = count()' '@ = quantize(tid)' '@[execname, tid] = count()' '/pid == 0/ (false)'; do
	[[ $(row "$p" 3) =~ ^-?[0-9]+$ ]] || bad "no dtrace figure for $p"
done
[ "$(row 10000 6)" -ge 10000 ] 2>/dev/null || bad "dtrace printed $(row 10000 6) lines for 10000 keys"
[ "$(row 'dtrace | 1' 4)" = 100000 ] && [ "$(row 'dtrace | 1' 6)" -gt 0 ] 2>/dev/null ||
	bad "throughput: dtrace sent $(row 'dtrace | 1' 4), delivered $(row 'dtrace | 1' 6)"
grep -qE '^\| dtrace \| [0-9]+ [0-9]+ \|' <<<"$out" || bad "no tick counts from dtrace"
exit 0
