#!/bin/bash
# Benchmarks, side by side with bpftrace in the same run.  Absolute times on
# shared machines are noisy: the ratio dtrace/bpftrace within one run is what
# counts.  Bounded: each case runs a fixed number of times.
#
#   bench/run.sh [BUILD_DIR]      (root; installs bpftrace if missing)
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
DTRACE="$PWD/$B/dtrace"
RUNS=${BENCH_RUNS:-15}
[ "$(id -u)" = 0 ] || { echo "bench needs root"; exit 1; }
command -v bpftrace >/dev/null || DT_DEPS_EXTRA=bpftrace ./scripts/deps.sh

# Wall time of one command in ms (fractional).
wall_ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) / 1000000 }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# case NAME -- dtrace-cmd... -- bpftrace-cmd...   (runs alternate)
bench_case() {
	local name=$1; shift; shift
	local dcmd=() bcmd=()
	while [ "$1" != "--" ]; do dcmd+=("$1"); shift; done; shift
	bcmd=("$@")
	local d=() b=()
	for i in $(seq "$RUNS"); do
		d+=("$(wall_ms "${dcmd[@]}")")
		if [ ${#bcmd[@]} -gt 0 ]; then b+=("$(wall_ms "${bcmd[@]}")"); fi
	done
	local dm bm
	dm=$(printf '%s\n' "${d[@]}" | median)
	if [ ${#bcmd[@]} -gt 0 ]; then
		bm=$(printf '%s\n' "${b[@]}" | median)
		printf '%-40s dtrace %9.1f ms   bpftrace %9.1f ms   ratio %.3f\n' "$name" "$dm" "$bm" \
			"$(awk -v a="$dm" -v b="$bm" 'BEGIN { printf "%.4f", a / b }')"
	else
		printf '%-40s dtrace %9.1f ms   bpftrace   (cannot express)\n' "$name" "$dm"
	fi
}

echo "bench: $RUNS runs per case, medians; $(uname -r), $(nproc) CPUs, $(bpftrace --version)"
bench_case "startup to exit: BEGIN { exit }" \
	-- "$DTRACE" -n 'BEGIN { exit(0); }' \
	-- bpftrace -e 'BEGIN { exit(); }'
bench_case "startup to exit: 20 clauses" \
	-- "$DTRACE" -q $(for i in $(seq 20); do printf -- "-n BEGIN{x$i=$i;} "; done) -n 'BEGIN { exit(0); }' \
	-- bpftrace -e "$(for i in $(seq 20); do printf 'BEGIN { @x%d = %d; } ' $i $i; done) BEGIN { exit(); }"
bench_case "tick-1ms for 1 s, then exit" \
	-- "$DTRACE" -qn 'tick-1ms { n++; } tick-1s { exit(0); }' \
	-- bpftrace -e 'interval:ms:1 { @n++; } interval:s:1 { exit(); }'
left=$(bpftool prog list | grep -c ' name dt_')
echo "programs of ours left loaded after the benchmarks: $left"
