#!/bin/bash
# Benchmarks, side by side with bpftrace in the same run, beside the floor
# (no tracing, and an empty BPF program on the same attach point).  Absolute
# times on shared machines are noisy: the ratio dtrace/bpftrace within one
# run is what counts.  Bounded: every case runs a fixed number of times and
# every tracer run has a time limit; the whole run stays under 10 minutes.
#
#   bench/run.sh [BUILD_DIR]   (root; installs bpftrace if missing)
#   BENCH_QUICK=1              smoke run: a few seconds a case, docs untouched
#   BENCH_LOCKED=1             the caller holds the probe-test lock already (tests/probe)
#
# Prints one markdown table per case and, on a full run, writes
# docs/PERFORMANCE.md from it (with the hand-written bench/NOTES.md at the end).
# The triggers (bench/hot.c), the meter (bench/meter.c) and the floor loader
# (bench/floor.c) are built by `make bench`.
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
[ "$(id -u)" = 0 ] || { echo "bench needs root"; exit 1; }
DT_DEPS_EXTRA="bpftrace" ./scripts/deps.sh || exit 1
case $B in /*) ;; *) B=$PWD/$B;; esac
DTRACE="$B/dtrace" HOT="$B/bench/hot" METER="$B/bench/meter" FLOOR="$B/bench/floor"
for f in "$DTRACE" "$HOT" "$METER" "$FLOOR"; do
	[ -x "$f" ] || { echo "bench: $f is missing (run 'make bench')"; exit 1; }
done
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	RUNS=1 WALL_RUNS=3 NCALLS=100000 UCALLS=2000 RATE_SECS=1 KEYS="10000" TICK_SECS=2
	NFUNCS=20 ATTACH_LIMIT=20 LIBC_LIMIT=20
else
	RUNS=5 WALL_RUNS=10 NCALLS=500000 UCALLS=20000 RATE_SECS=4 KEYS="10000 100000" TICK_SECS=5
	NFUNCS=1000 ATTACH_LIMIT=60 LIBC_LIMIT=30
fi
RATE=100000
OUT=$(mktemp -d /tmp/dtbench.XXXXXX)
ERR=$OUT/err
BT_ENV=(env BPFTRACE_MAP_KEYS_MAX=262144 BPFTRACE_MAX_PROBES=20000)
trap 'rm -rf "$OUT"' EXIT
# bpftrace finds tracepoints through tracefs; the floor loader reads ids there.
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null

# ---- helpers ----

# val KEY: the last "KEY=value" (or "out KEY=value") line on stdin.
val() { sed -n "s/^\(out \)\?$1=//p" | tail -n 1; }
median() {
	tr ' ' '\n' | grep -v '^$' | sort -g |
		awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }
num() { [[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; }
ratio() { if num "$1" && num "$2" && [ "$2" != 0 ]; then calc %.2f "$1 / $2"; else echo -; fi; }
# One markdown line to the console and to the report.
md() { printf '%s\n' "$*" | tee -a "$OUT/tables.md"; }
section() {
	md ""; md "## $1"; md ""; [ -n "$2" ] && { md "$2"; md ""; }
}
# target TEXT MET(0/1) MEASURED
target() {
	local s="not met"; [ "$2" = 1 ] && s="met"
	[[ $3 == "dtrace: cannot"* ]] && s="not measurable yet"
	printf '| %s | %s | %s |\n' "$1" "$3" "$s" >> "$OUT/targets.md"
}
# dt_cmd SCRIPT [OPTS] / bt_cmd SCRIPT: the tracer command lines in DCMD / BCMD, each
# script with a READY line in BEGIN (see bench/meter.c).
dt_cmd() { DCMD=("$DTRACE" "${@:2}" -qn "BEGIN { printf(\"READY\\n\"); } $1"); }
bt_cmd() { BCMD=("${BT_ENV[@]}" bpftrace -e "BEGIN { printf(\"READY\\n\"); } $1"); }
# Drops each tracer reported on stderr: dtrace "N drops on CPU C", bpftrace "Lost N events".
drops() { grep -oE '([0-9]+) drops on CPU|Lost ([0-9]+) events' "$1" | grep -oE '[0-9]+' |
	awk '{s+=$1} END {print s+0}'; }
has_pid_provider() {
	"$DTRACE" -l -n 'pid$target::f:entry' -c "$HOT sleep 0" >/dev/null 2>&1
}
NOPID="dtrace: cannot express (no pid provider)"
export LC_ALL=C

# Wall time of one command in ms, or "timeout" past ATTACH_LIMIT seconds.
wall() {
	local t0=$EPOCHREALTIME rc
	timeout "$ATTACH_LIMIT" "$@" >/dev/null 2>"$ERR"
	rc=$? t1=$EPOCHREALTIME
	if [ $rc = 124 ]; then echo timeout; elif [ $rc != 0 ]; then echo "failed"; else
		calc %.1f "($t1 - $t0) * 1000"; fi
}
# The first error the last command printed, shortened.
why() { grep -m 1 -E 'ERROR|dtrace:|rror' "$ERR" | cut -c 1-100 | tr '|' '/'; }
# summary SAMPLES WHY: the median of samples, or what went wrong with them.
summary() {
	case "$1" in *timeout*) echo "> ${ATTACH_LIMIT} s (timed out)";; *failed*) echo "failed: $2";;
	*) median <<< "$1";; esac
}

# wall_measure WARM RUNS -- DTRACE-CMD... [-- BPFTRACE-CMD...]: start to exit, alternating;
# the medians in LAST_DT and LAST_BT.  Without a bpftrace command its column says it
# cannot express the case; with the single word "skip:WHY" it says why it was not run.
wall_measure() {
	local warm=$1 runs=$2; shift 3
	local d=() b=() ds="" bs="" i x dfail="" bfail=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do d+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	b=("$@")
	for ((i = 1 - warm; i <= runs; i++)); do
		x=$(wall "${d[@]}"); [ $i -gt 0 ] && ds+=" $x"
		[ "$x" = failed ] && dfail=$(why)
		[ ${#b[@]} -gt 1 ] && { x=$(wall "${b[@]}"); [ $i -gt 0 ] && bs+=" $x"
			[ "$x" = failed ] && bfail=$(why); }
	done
	local dm bm
	dm=$(summary "$ds" "$dfail")
	case "${b[0]}" in
	"") bm="cannot express";;
	skip:*) bm="not run: ${b[0]#skip:}";;
	*) bm=$(summary "$bs" "$bfail");;
	esac
	LAST_DT=$dm LAST_BT=$bm
}
# wall_case NAME WARM RUNS -- ...: wall_measure, then the table row.
wall_case() {
	local name=$1; shift
	wall_measure "$@"
	md "| $name | $LAST_DT | $LAST_BT | $(ratio "$LAST_DT" "$LAST_BT") |"
}

# ---- 1. startup to exit ----
case_startup() {
	section "Startup to exit (ms, median of $WALL_RUNS, alternating, 1 warm-up each)"
	md "| script | dtrace | bpftrace | ratio |"; md "|---|---|---|---|"
	wall_case 'BEGIN { exit(0) }' 1 "$WALL_RUNS" \
		-- "$DTRACE" -n 'BEGIN { exit(0); }' \
		-- bpftrace -e 'BEGIN { exit(); }'
	local dt_ms=$LAST_DT bt_ms=$LAST_BT
	# bpftrace allows one BEGIN probe only: its side has the 20 statements in one clause.
	wall_case "20 clauses with aggregations" 1 "$WALL_RUNS" \
		-- "$DTRACE" -q $(for i in $(seq 20); do printf -- "-n BEGIN{@a$i=count();} "; done) \
			-n 'BEGIN { exit(0); }' \
		-- bpftrace -e "BEGIN { $(for i in $(seq 20); do printf '@a%d = count(); ' $i; done) exit(); }"
	target "startup to exit under 30 ms" "$(calc %d "$dt_ms < 30")" "$dt_ms ms"
	target "startup at least 5x faster than bpftrace" "$(calc %d "$bt_ms >= 5 * $dt_ms")" \
		"$(ratio "$bt_ms" "$dt_ms")x"
}

# ---- 2. and 3. per-firing cost ----
# The scripts of each variant; the floor variants are bench/floor.c.
declare -A SCRIPT=(
	[dt_count]='syscall::getppid:entry { @ = count(); }'
	[bt_count]='tracepoint:syscalls:sys_enter_getppid { @ = count(); }'
	[dt_quant]='syscall::getppid:entry { @ = quantize(tid); }'
	[bt_quant]='tracepoint:syscalls:sys_enter_getppid { @ = hist(tid); }'
	[dt_keyed]='syscall::getppid:entry { @[execname, tid] = count(); }'
	[bt_keyed]='tracepoint:syscalls:sys_enter_getppid { @[comm, tid] = count(); }'
	[dt_pred]='syscall::getppid:entry /pid == 0/ { @ = count(); }'
	[bt_pred]='tracepoint:syscalls:sys_enter_getppid /pid == 0/ { @ = count(); }'
	[dt_up]='pid$target::f:entry { @ = count(); }'
	[bt_up]="uprobe:$HOT:f { @ = count(); }"
	[dt_uret]='pid$target::f:return { @ = count(); }'
	[bt_uret]="uretprobe:$HOT:f { @ = count(); }"
)
declare -A FLOORARGS=(
	[floor_raw]="raw sys_enter" [floor_tp]="tp syscalls/sys_enter_getppid"
	[floor_up]="uprobe $HOT f" [floor_uret]="uretprobe $HOT f"
)
declare -A S RSS READY

# fire KEY VARIANT TRIGGER...: one run of the trigger under one variant; adds its
# ns per call to S[KEY], the tracer's peak RSS to RSS[KEY] and its start-to-attached
# time to READY[KEY].
fire() {
	local key=$1 v=$2 out; shift 2
	case $v in
	bare) out=$("$@" 2>/dev/null);;
	floor_*) out=$("$METER" -e "$ERR" -- "$FLOOR" ${FLOORARGS[$v]} -- "$@" 2>/dev/null);;
	dt_up|dt_uret) dt_cmd "${SCRIPT[$v]}" -c "$*"
		out=$("$METER" -p -e "$ERR" -- "${DCMD[@]}" 2>/dev/null);;
	dt_*) dt_cmd "${SCRIPT[$v]}"; out=$("$METER" -e "$ERR" -- "${DCMD[@]}" -- "$@" 2>/dev/null);;
	bt_*) bt_cmd "${SCRIPT[$v]}"; out=$("$METER" -e "$ERR" -- "${BCMD[@]}" -- "$@" 2>/dev/null);;
	esac
	local ns; ns=$(val ns_per_call <<< "$out")
	if [ -z "$ns" ] || [ -n "$(val timeout <<< "$out")" ]; then
		echo "bench: $v failed: $(tail -n 2 "$ERR" 2>/dev/null | tr '\n' ' ')" >&2
		return
	fi
	S[$key]+=" $ns"
	RSS[$key]+=" $(val maxrss_kb <<< "$out")"
	READY[$key]+=" $(val ready_ms <<< "$out")"
}
# rounds SUFFIX VARIANTS -- TRIGGER...: RUNS rounds, each variant once per round in turn.
rounds() {
	local sfx=$1 vs=() v r; shift
	while [ "$1" != "--" ]; do vs+=("$1"); shift; done
	shift
	for ((r = 0; r < RUNS; r++)); do
		for v in "${vs[@]}"; do fire "$v$sfx" "$v" "$@"; done
	done
}
med() { median <<< "${S[$1]}"; }
# over KEY BASE: the median of KEY minus the median of BASE, in ns; "-" if either is missing.
over() {
	local a b; a=$(med "$1") b=$(med "$2")
	if num "$a" && num "$b"; then calc %.0f "$a - $b"; else echo -; fi
}

case_syscall_cost() {
	local v=(bare floor_raw floor_tp dt_count bt_count dt_quant bt_quant dt_keyed bt_keyed
		dt_pred bt_pred)
	rounds "" "${v[@]}" -- "$HOT" getppid "$NCALLS"
	rounds .u bare floor_raw floor_tp dt_count bt_count -- "$HOT" getpid "$NCALLS"
	section "Per-firing cost on getppid() (ns per call above the bare call; $NCALLS calls, \
median of $RUNS)" \
"The bare call takes $(med bare) ns.  dtrace's syscall provider is one program on the raw \
tracepoint sys_enter (floor: raw); bpftrace attaches to the tracepoint \
syscalls/sys_enter_getppid (floor: tp).  Floors: an empty BPF program there (bench/floor.c).
The last row is the cost on getpid(), a syscall nobody traces, while getppid() is traced:
what every other system call on the machine pays."
	md "| probe | dtrace | bpftrace | ratio | floor raw | floor tp | dtrace / floor raw |"
	md "|---|---|---|---|---|---|---|"
	local c name fr
	fr=$(over floor_raw bare)
	for c in count:'@ = count()' quant:'@ = quantize(tid)' keyed:'@[execname, tid] = count()' \
		pred:'/pid == 0/ (false)'; do
		name=${c#*:} c=${c%%:*}
		local d b; d=$(over "dt_$c" bare) b=$(over "bt_$c" bare)
		md "| $name | $d | $b | $(ratio "$d" "$b") | $fr | $(over floor_tp bare) | \
$(ratio "$d" "$fr") |"
		[ "$c" = count ] && COUNT_DT=$d COUNT_BT=$b
	done
	local ud ub
	ud=$(over dt_count.u bare.u) ub=$(over bt_count.u bare.u)
	md "| getpid() while getppid is counted | $ud | $ub | $(ratio "$ud" "$ub") | \
$(over floor_raw.u bare.u) | $(over floor_tp.u bare.u) | - |"
	md ""
	md "Start to attached (READY printed) for the counting script: dtrace \
$(median <<< "${READY[dt_count]}") ms, bpftrace $(median <<< "${READY[bt_count]}") ms."
	target "counting probe within 1.3x of the empty-program floor" \
		"$(num "$COUNT_DT" && num "$fr" && calc %d "$COUNT_DT <= 1.3 * $fr")" \
		"$COUNT_DT ns against $fr ns"
	target "counting probe no worse than bpftrace" \
		"$(num "$COUNT_DT" && num "$COUNT_BT" && calc %d "$COUNT_DT <= $COUNT_BT")" \
		"$COUNT_DT ns against $COUNT_BT ns"
}

case_uprobe_cost() {
	local v=(bare floor_up floor_uret bt_up bt_uret) note=""
	if has_pid_provider; then v+=(dt_up dt_uret); else note="$NOPID"; fi
	rounds .f "${v[@]}" -- "$HOT" uprobe "$UCALLS"
	section "uprobe and uretprobe cost on a hot function (ns per call above the bare call; \
$UCALLS calls, median of $RUNS)" "The bare call takes $(med bare.f) ns."
	md "| probe | dtrace | bpftrace | ratio | floor (empty program) |"
	md "|---|---|---|---|---|"
	local d
	for c in up:entry uret:return; do
		d=${note:-$(over "dt_${c%%:*}.f" bare.f)}
		md "| ${c#*:}: @ = count() | $d | $(over "bt_${c%%:*}.f" bare.f) | \
$(ratio "$d" "$(over "bt_${c%%:*}.f" bare.f)") | $(over "floor_${c%%:*}.f" bare.f) |"
	done
}

# ---- 4. attach + detach ----
case_attach() {
	local sys_runs=2 btsys
	btsys=(bpftrace -e 'tracepoint:syscalls:sys_enter_* /pid == 0/ { } BEGIN { exit(); }')
	[ "$QUICK" = 1 ] && sys_runs=1 btsys=(skip:quick run)
	section "Attach + detach: start to exit (ms, median; $sys_runs runs for syscalls, limit \
$ATTACH_LIMIT s; 1 run for libc, limit $LIBC_LIMIT s)"
	md "| probes | dtrace | bpftrace | ratio |"; md "|---|---|---|---|"
	wall_case "all syscall entry probes" 0 "$sys_runs" \
		-- "$DTRACE" -qn 'syscall:::entry /pid == 0/ { } BEGIN { exit(0); }' \
		-- "${btsys[@]}"
	target "attach+detach of all syscalls under 100 ms" "$(num "$LAST_DT" &&
		calc %d "$LAST_DT < 100")" "$LAST_DT ms"
	wall_case "all syscall entry and return probes" 0 "$sys_runs" \
		-- "$DTRACE" -qn 'syscall:::entry, syscall:::return /pid == 0/ { } BEGIN { exit(0); }'
	case_attach_libc
}

# The exported functions of the libc the trigger uses, as plain identifiers (bpftrace's
# parser takes no '@' or '.' in a function name).
libc_funcs() {
	nm -D --defined-only "$1" | awk '$2 ~ /^[TtWi]$/ { print $3 }' | sed 's/@.*//' |
		grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | sort -u
}

# N libc functions, then all of them, in one sleeping target: bpftrace with -p, dtrace
# (when it has a pid provider) with pid$target.  Each measured once.
case_attach_libc() {
	local libc n all fl dcmd bcmd t ATTACH_LIMIT=$LIBC_LIMIT
	libc=$(ldd "$HOT" | awk '/libc\.so/ { print $3 }')
	libc_funcs "$libc" > "$OUT/funcs"
	all=$(wc -l < "$OUT/funcs")
	"$HOT" sleep 600000 & t=$!
	for n in "$NFUNCS" "$all"; do
		head -n "$n" "$OUT/funcs" > "$OUT/f"
		fl="$n libc functions"; [ "$n" = "$all" ] && fl="all $all exported libc functions"
		if has_pid_provider; then
			# -Z: dtrace makes no probe on functions uprobes refuse (pthread_spin_lock)
			dcmd=("$DTRACE" -Zqn "$(sed 's/^/pid$target:libc.so.6:/; s/$/:entry/' "$OUT/f" |
				paste -sd,) { } BEGIN { exit(0); }" -c "$HOT sleep 0")
		else dcmd=(true); fi
		bcmd=("${BT_ENV[@]}" bpftrace -p "$t" -e "$(sed "s|^|uprobe:$libc:|" "$OUT/f" |
			paste -sd,) { } BEGIN { exit(); }")
		[ "$n" = "$all" ] && [[ $LAST_BT == *timed* ]] &&
			bcmd=("skip:$NFUNCS functions already took over $ATTACH_LIMIT s")
		[ "$n" = "$all" ] && [ "$QUICK" = 1 ] && bcmd=("skip:quick run")
		wall_measure 0 1 -- "${dcmd[@]}" -- "${bcmd[@]}"
		has_pid_provider || LAST_DT=$NOPID
		md "| $fl | $LAST_DT | $LAST_BT | $(ratio "$LAST_DT" "$LAST_BT") |"
		[ "$n" = "$all" ] && target "attach+detach of all libc functions under 1 s" \
			"$(num "$LAST_DT" && calc %d "$LAST_DT < 1000")" "$LAST_DT"
	done
	kill "$t"; wait "$t" 2>/dev/null
}

# ---- 5. output throughput ----
case_throughput() {
	local runs=2 r tr
	[ "$QUICK" = 1 ] && runs=1
	DT_LOST=0
	section "Output throughput: printf on every getppid() at $RATE/s for $RATE_SECS s \
(per run; $runs runs, alternating)" \
"Probes on getppid() with a predicate on the trigger's name (hot); sent/s is the rate \
the trigger achieved (it cannot go faster than the traced calls); lines delivered \
counted by bench/meter; lost = what the tracer reported (dtrace \"N drops on CPU\", \
bpftrace \"Lost N events\"); unaccounted = sent - delivered - lost."
	md "| tracer | run | sent | sent/s | delivered | lost (reported) | unaccounted | delivered/s |"
	md "|---|---|---|---|---|---|---|---|"
	for ((r = 1; r <= runs; r++)); do
		for tr in dtrace bpftrace; do
			if [ $tr = dtrace ]; then
				dt_cmd 'syscall::getppid:entry /execname == "hot"/ { printf("event %d\n", tid); }'
				set -- "${DCMD[@]}"
			else
				bt_cmd 'tracepoint:syscalls:sys_enter_getppid /comm == "hot"/ { printf("event %d\n", tid); }'
				set -- "${BCMD[@]}"
			fi
			throughput_row "$tr" "$r" "$@"
		done
	done
	target "zero lost events at 100k events/s (dtrace, default options)" \
		"$([ "$DT_LOST" = 0 ] && echo 1)" "$DT_LOST lost or missing"
}
throughput_row() {
	local tr=$1 r=$2 out sent got lost secs; shift 2
	out=$("$METER" -m event -w 500 -e "$ERR" -- "$@" -- "$HOT" paced "$RATE" "$RATE_SECS" 2>&1)
	sent=$(val calls <<< "$out") got=$(val lines <<< "$out") secs=$(val seconds <<< "$out")
	lost=$(drops "$ERR")
	md "| $tr | $r | $sent | $(val rate <<< "$out") | $got | $lost | $((sent - got - lost)) | \
$(num "$secs" && calc %.0f "$got / $secs") |"
	[ $tr = dtrace ] && DT_LOST=$((DT_LOST + lost + (sent - got - lost > 0 ? sent - got - lost : 0)))
}

# ---- 6. aggregation snapshot and print ----
case_aggprint() {
	local runs=3 n r
	[ "$QUICK" = 1 ] && runs=1
	section "Aggregation print: @[arg0] = count() over N distinct keys, SIGINT to exit \
(ms, median of $runs)" \
"Keys come from getpgid(1000000 + i) calls (bench/hot keys N); the time is from SIGINT \
to the end of the tracer's output: END, the snapshot, formatting and printing every key \
into a pipe, and teardown.  dtrace runs with -x aggsize=262144, bpftrace with \
BPFTRACE_MAP_KEYS_MAX=262144 (both defaults are smaller)."
	md "| keys | dtrace | bpftrace | ratio | dtrace lines | bpftrace lines | dtrace RSS MB |" \
		"bpftrace RSS MB |"
	md "|---|---|---|---|---|---|---|---|"
	for n in 1 $KEYS; do
		local dts="" bts="" dl bl dr="" br="" out
		for ((r = 0; r < runs; r++)); do
			dt_cmd 'syscall::getpgid:entry { @[arg0] = count(); }' -x aggsize=262144
			out=$("$METER" -e "$ERR" -- "${DCMD[@]}" -- "$HOT" keys "$n")
			dts+=" $(val stop_ms <<< "$out")" dl=$(val lines <<< "$out")
			dr+=" $(val maxrss_kb <<< "$out")"
			bt_cmd 'tracepoint:syscalls:sys_enter_getpgid { @[args->pid] = count(); }'
			out=$("$METER" -e "$ERR" -- "${BCMD[@]}" -- "$HOT" keys "$n")
			bts+=" $(val stop_ms <<< "$out")" bl=$(val lines <<< "$out")
			br+=" $(val maxrss_kb <<< "$out")"
		done
		local d b; d=$(median <<< "$dts") b=$(median <<< "$bts")
		dr=$(calc %.1f "$(median <<< "$dr") / 1024") br=$(calc %.1f "$(median <<< "$br") / 1024")
		md "| $n | $d | $b | $(ratio "$d" "$b") | $dl | $bl | $dr | $br |"
		[ "$n" = 100000 ] && {
			target "100k-key aggregation printed in under 200 ms" \
				"$(calc %d "$d < 200")" "$d ms"
			RSS_BIG_DT=$dr RSS_BIG_BT=$br
		}
	done
}

# ---- 7. tick-1ms accuracy ----
case_tick() {
	section "tick-1ms accuracy: firings counted in each second of $TICK_SECS s" \
"dtrace: tick-1ms; bpftrace: interval:ms:1 (its equivalent), each counted by a \
once-a-second probe of the same tracer."
	md "| tracer | per second | min | max |"
	md "|---|---|---|---|"
	local out list ok=1
	dt_cmd "tick-1ms { n++; } tick-1s { printf(\"tick %d\\n\", n); n = 0; s++; }
		tick-1s /s == $TICK_SECS/ { exit(0); }"
	out=$("$METER" -p -e "$ERR" -t $((TICK_SECS + 30)) -- "${DCMD[@]}")
	list=$(sed -n 's/^out tick //p' <<< "$out" | paste -sd' ')
	tick_row dtrace "$list"
	for x in $list; do [ "$x" -ge 999 ] && [ "$x" -le 1001 ] || ok=0; done
	[ -z "$list" ] && ok=0
	target "tick-1ms: 1000 ± 1 per second" "$ok" "$list"
	bt_cmd "interval:ms:1 { @n++; } interval:s:1 { printf(\"tick %d\\n\", @n); @n = 0;
		@s++; if (@s == $TICK_SECS) { exit(); } }"
	out=$("$METER" -p -e "$ERR" -t $((TICK_SECS + 30)) -- "${BCMD[@]}")
	tick_row bpftrace "$(sed -n 's/^out tick //p' <<< "$out" | paste -sd' ')"
}
tick_row() {
	md "| $1 | ${2:-(none)} | $(tr ' ' '\n' <<< "$2" | sort -n | head -n 1) | \
$(tr ' ' '\n' <<< "$2" | sort -n | tail -n 1) |"
}

# ---- 8. consumer peak RSS ----
case_rss() {
	section "Consumer peak RSS (MB, wait4 ru_maxrss of the tracer process)"
	md "| script | dtrace | bpftrace | ratio |"
	md "|---|---|---|---|"
	local d b
	d=$(calc %.1f "$(median <<< "${RSS[dt_count]}") / 1024")
	b=$(calc %.1f "$(median <<< "${RSS[bt_count]}") / 1024")
	md "| counting probe on getppid | $d | $b | $(ratio "$d" "$b") |"
	[ -n "$RSS_BIG_DT" ] && md "| 100k-key aggregation | $RSS_BIG_DT | $RSS_BIG_BT | \
$(ratio "$RSS_BIG_DT" "$RSS_BIG_BT") |"
	target "consumer RSS under 20 MB for a simple script" "$(calc %d "$d < 20")" "$d MB"
}

# ---- leftovers, machine, report ----
# Programs of ours (dt_*, bench_floor) and their links still there after the run; the
# kernel frees detached programs after an RCU grace period, so allow 3 s.
leftovers() {
	local i ids=""
	for i in $(seq 30); do
		ids=$(bpftool prog list 2>/dev/null | awk -F: '/ name (dt_|bench_floor)/ { print $1 }')
		[ -z "$ids" ] && break
		sleep 0.1
	done
	local progs links=0 procs others
	progs=$(wc -w <<< "$ids")
	for i in $ids; do
		links=$((links + $(bpftool link list 2>/dev/null | grep -c "prog $i\$")))
	done
	procs=$(ps -o comm= --ppid $$ | grep -cxE 'dtrace|bpftrace|floor|hot|meter')
	# A dt_ program is another user's while a dtrace we did not start is running.
	others=$(pgrep -x dtrace | wc -l)
	if [ "$progs" != 0 ] && [ "$procs" = 0 ] && [ "$others" != 0 ]; then
		echo "bench: $progs dt_ programs belong to $others dtrace processes not started here"
		progs=0 links=0
	fi
	LEFT="programs of ours left loaded: $progs, links: $links, tracer processes left: $procs"
	echo "$LEFT"
}

# BPF programs on the machine that are not ours (another tracer on sys_enter makes every
# system call dearer, the bare loop included): a count and their names.
foreign() {
	bpftool prog list 2>/dev/null | awk '/^[0-9]+:/ && $4 !~ /^(dt_|bench_floor)/ { print $4 }' |
		sort | uniq -c | sort -rn | awk '{ n += $1; s = s (s ? ", " : "") $2 } \
		END { printf "%d%s", n, n ? " (" substr(s, 1, 120) ")" : "" }'
}

machine() {
	echo "- CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs"
	echo "- kernel: $(uname -r); $(bpftrace --version)"
	echo "- load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- BPF programs of other tools loaded at start: $FOREIGN0; at end: $(foreign)"
	awk -v l="${LOAD0%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }' &&
		echo "- the machine was busy when the run started (load above the CPU count): \
figures are noisier than usual"
	echo "- mode: $([ "$QUICK" = 1 ] && echo quick || echo full), $RUNS runs per per-firing \
variant, $WALL_RUNS per start-up case; total $(calc %.0f "$EPOCHREALTIME - $T0") s"
}

write_doc() {
	{
		echo "# Performance"
		echo
		echo "Generated by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); every"
		echo "figure below comes from that run.  dtrace and bpftrace run alternately in the"
		echo "same run; medians.  Absolute times on these shared 2-vCPU machines are noisy:"
		echo "the ratio dtrace/bpftrace within one run is what counts.  The hand-written"
		echo "notes at the end (bench/NOTES.md) explain where the time goes."
		echo
		machine
		echo "- $LEFT"
		echo
		echo "## Targets (issue 8)"
		echo
		echo "| target | measured | |"
		echo "|---|---|---|"
		cat "$OUT/targets.md"
		cat "$OUT/tables.md"
		echo
		cat bench/NOTES.md
	} > docs/PERFORMANCE.md
	echo "bench: wrote docs/PERFORMANCE.md"
}

main() {
	if [ -z "$BENCH_LOCKED" ]; then
		# The probe suite counts every dt_ program on the machine: never run beside it.
		exec 9>/tmp/dtrace-probe-tests.lock
		flock 9
	fi
	T0=$EPOCHREALTIME LOAD0=$(cut -d' ' -f1-3 /proc/loadavg) FOREIGN0=$(foreign)
	[ "${FOREIGN0%% *}" = 0 ] ||
		echo "bench: warning: other BPF programs are loaded, figures will be off: $FOREIGN0"
	: > "$OUT/tables.md"; : > "$OUT/targets.md"
	echo "bench: $(uname -r), $(nproc) CPUs, $(bpftrace --version), load $LOAD0"
	case_startup
	case_syscall_cost
	case_uprobe_cost
	case_attach
	case_throughput
	case_aggprint
	case_tick
	case_rss
	echo
	leftovers
	printf '\n## Targets\n\n| target | measured | |\n|---|---|---|\n'; cat "$OUT/targets.md"
	[ "$QUICK" = 1 ] || write_doc
	machine
	[[ $LEFT == *"loaded: 0, links: 0, tracer processes left: 0" ]]
}
main
