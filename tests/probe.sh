#!/bin/bash
# Probe tests: real D scripts on real probes.  Needs root (skipped otherwise).
#
#   tests/probe/NAME.d  + NAME.out   run `dtrace -s NAME.d $(cat NAME.opts)`; stdout, then a
#                                    line "-- @@stderr --", then stderr, must equal NAME.out
#                                    (exit status must be 0 unless NAME.status says otherwise)
#   tests/probe/NAME.sh              a script run with $DTRACE set; exit 0 = pass, 77 = skip
# Every test must leave no BPF program of ours attached (checked after each test).
B=${1:-build}
export DTRACE="$PWD/$B/dtrace"
pass=0 fail=0 skip=0
n=$(ls tests/probe/*.d tests/probe/*.sh 2>/dev/null | wc -l)
if [ "$(id -u)" != 0 ]; then
	echo "probe tests need root: skipping $n"; echo "0 passed, 0 failed, $n skipped"; exit 0
fi
# One probe suite at a time on this machine: the leftover check below counts
# every dt_ program, so a second suite running beside this one would fail it.
exec 9>/tmp/dtrace-probe-tests.lock
flock 9
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Our programs left loaded: dt_ programs that no process outside this suite
# holds (someone may be running dtrace by hand beside it).  Every process of
# the suite carries DT_PROBE_SUITE in its environment.
export DT_PROBE_SUITE=$$.$RANDOM
foreign_progs() {
	grep -s '^prog_id:' /proc/[0-9]*/fdinfo/* | while IFS=: read -r path _ id; do
		pid=${path#/proc/}; pid=${pid%%/*}
		grep -qzx "DT_PROBE_SUITE=$DT_PROBE_SUITE" "/proc/$pid/environ" 2>/dev/null ||
			echo $((id))
	done | sort -u
}
leftovers() {
	bpftool prog list 2>/dev/null | awk '/ name dt_/ { sub(":", "", $1); print $1 }' | sort -u |
		comm -23 - <(foreign_progs) | wc -l
}
# The kernel frees a detached program after an RCU grace period: allow up to 3 s.
check_clean() {
	local left i
	for i in $(seq 30); do
		left=$(leftovers)
		[ "$left" = 0 ] && return 0
		sleep 0.1
	done
	if [ "$left" != 0 ]; then echo "FAIL $1: $left dt_ programs left loaded"; return 1; fi
}
for t in tests/probe/*.d; do
	[ -e "$t" ] || continue
	base=${t%.d}
	opts=$(cat "$base.opts" 2>/dev/null)
	want_rc=$(cat "$base.status" 2>/dev/null || echo 0)
	got=$(timeout -k 5 30 taskset -c 0 "$DTRACE" -s "$t" $opts 2>$tmp/err); rc=$?
	got=$(printf '%s\n-- @@stderr --\n%s' "$got" "$(cat $tmp/err)")
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $t: exit status $rc, expected $want_rc"; cat $tmp/err; fail=$((fail + 1)); continue
	fi
	if ! diff -u "$base.out" - <<<"$got" >$tmp/diff; then
		echo "FAIL $t:"; cat $tmp/diff; fail=$((fail + 1)); continue
	fi
	check_clean "$t" && pass=$((pass + 1)) || fail=$((fail + 1))
done
for t in tests/probe/*.sh; do
	[ -e "$t" ] || continue
	out=$(timeout -k 5 120 bash "$t" 2>&1); rc=$?
	if [ $rc = 77 ]; then skip=$((skip + 1)); echo "SKIP $t: $out"; continue; fi
	if [ $rc != 0 ]; then echo "FAIL $t:"; echo "$out"; fail=$((fail + 1)); continue; fi
	check_clean "$t" && pass=$((pass + 1)) || fail=$((fail + 1))
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
