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
DT_DEPS_EXTRA="bpftrace hyperfine" ./scripts/deps.sh

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
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do dcmd+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	bcmd=("$@")
	if command -v hyperfine >/dev/null; then
		bench_hyperfine "$name"; return
	fi
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

# hyperfine (no shell, warm-up runs, alternating) when it is there: medians in ms.
bench_hyperfine() {
	local json; json=$(mktemp)
	local q=() c
	for c in "$(printf '%q ' "${dcmd[@]}")" ${bcmd:+"$(printf '%q ' "${bcmd[@]}")"}; do q+=("$c"); done
	hyperfine -N -w 2 -r "$RUNS" --export-json "$json" "${q[@]}" >/dev/null 2>&1
	local meds; meds=($(grep -o '"median": [0-9.e-]*' "$json" | awk '{printf "%.2f\n", $2 * 1000}'))
	rm -f "$json"
	if [ ${#meds[@]} = 2 ]; then
		printf '%-40s dtrace %9.1f ms   bpftrace %9.1f ms   ratio %.3f\n' "$1" "${meds[0]}" \
			"${meds[1]}" "$(awk -v a="${meds[0]}" -v b="${meds[1]}" 'BEGIN { printf "%.4f", a / b }')"
	else
		printf '%-40s dtrace %9.1f ms   bpftrace   (cannot express)\n' "$1" "${meds[0]}"
	fi
}

echo "bench: $RUNS runs per case, medians; $(uname -r), $(nproc) CPUs, $(bpftrace --version)"
bench_case "startup to exit: BEGIN { exit }" \
	-- "$DTRACE" -n 'BEGIN { exit(0); }' \
	-- bpftrace -e 'BEGIN { exit(); }'
bench_case "startup to exit: 20 clauses" \
	-- "$DTRACE" -q $(for i in $(seq 20); do printf -- "-n BEGIN{x$i=$i;} "; done) -n 'BEGIN { exit(0); }' \
	-- bpftrace -e "BEGIN { $(for i in $(seq 20); do printf '@x%d = %d; ' $i $i; done) exit(); }"
# (bpftrace allows one BEGIN probe only: its side puts the 20 statements in one clause.)
bench_case "tick-1ms for 1 s, then exit" \
	-- "$DTRACE" -qn 'tick-1ms { n++; } tick-1s { exit(0); }' \
	-- bpftrace -e 'interval:ms:1 { @n++; } interval:s:1 { exit(); }'
# bpftrace finds tracepoints through tracefs.
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null
RUNS=3 bench_case "attach+detach all syscall entry probes" \
	-- "$DTRACE" -qn 'syscall:::entry /pid == 0/ { } BEGIN { exit(0); }' \
	-- bpftrace -e 'tracepoint:syscalls:sys_enter_* /pid == 0/ { } BEGIN { exit(); }'
RUNS=3 bench_case "attach+detach all syscall entry+return" \
	-- "$DTRACE" -qn 'syscall:::entry, syscall:::return /pid == 0/ { } BEGIN { exit(0); }'
# User space: a hot function called 100,000 times (about 20 us per uprobe hit on
# this VM), with no probe in the loop, a counting uprobe, and a counting uretprobe;
# the differences over 100,000 are the cost per call.  Then attaching to every
# function of libc in a target and exiting.
U="$PWD/$B/triggers/ufunc"
RUNS=5 bench_case "100k calls, probe outside the loop" \
	-- "$DTRACE" -qn 'pid$target:a.out:main:entry { }' -c "$U 100000" \
	-- bpftrace -e "uprobe:$U:main { }" -c "$U 100000"
RUNS=5 bench_case "100k calls, counting uprobe" \
	-- "$DTRACE" -qn 'pid$target:a.out:ufunc_add:entry { @ = count(); }' -c "$U 100000" \
	-- bpftrace -e "uprobe:$U:ufunc_add { @ = count(); }" -c "$U 100000"
RUNS=5 bench_case "100k calls, counting uretprobe" \
	-- "$DTRACE" -qn 'pid$target:a.out:ufunc_add:return { @ = count(); }' -c "$U 100000" \
	-- bpftrace -e "uretprobe:$U:ufunc_add { @ = count(); }" -c "$U 100000"
# bpftrace 0.17 would need BPFTRACE_MAX_PROBES=10000, creates one tracefs uprobe and perf
# event per function, and after 80 s stops at pthread_spin_lock (a lock prefix that uprobes
# refuse), so only our side runs here.
RUNS=3 bench_case "attach every libc function, run, exit" \
	-- "$DTRACE" -qn 'pid$target:libc.so.6::entry { @ = count(); }' -c "$U 1"
# Detached programs are freed after an RCU grace period: give them 3 s.
for i in $(seq 30); do
	left=$(bpftool prog list | grep -c ' name dt_')
	[ "$left" = 0 ] && break
	sleep 0.1
done
echo "programs of ours left loaded after the benchmarks: $left"
