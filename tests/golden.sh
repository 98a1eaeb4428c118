#!/bin/bash
# Golden tests that need no root: what the compiler says about a script.
#
#   tests/sema/err.D_TAG.name.d   must fail to compile (exit 1) with [D_TAG] on stderr;
#                                 with a .err file beside it, stderr must match it exactly
#   tests/sema/ok.name.d          must compile (-e) with exit status 0
#   tests/cg/NAME.d + NAME.out    stderr of `dtrace -S -e -s NAME.d` (the BPF dump) must match
B=${1:-build}
D="$B/dtrace"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1: $2"; }
for t in tests/sema/err.*.d; do
	[ -e "$t" ] || continue
	tag=$(basename "$t" | cut -d. -f2)
	err=$("$D" -x errtags -e -s "$t" 2>&1 >/dev/null); rc=$?
	if [ $rc != 1 ]; then bad "$t" "exit status $rc, expected 1"; continue; fi
	if ! grep -qF "[$tag]" <<<"$err"; then bad "$t" "no [$tag] in: $err"; continue; fi
	if [ -e "${t%.d}.err" ] && ! diff -u "${t%.d}.err" - <<<"$err" >/tmp/dt-golden.diff; then
		bad "$t" "stderr differs:"; cat /tmp/dt-golden.diff; continue
	fi
	ok
done
for t in tests/sema/ok.*.d; do
	[ -e "$t" ] || continue
	err=$("$D" -e -s "$t" 2>&1 >/dev/null); rc=$?
	if [ $rc != 0 ]; then bad "$t" "exit status $rc: $err"; continue; fi
	ok
done
for t in tests/cg/*.d; do
	[ -e "$t" ] || continue
	out=$("$D" -S -e -s "$t" 2>&1 >/dev/null)
	if ! diff -u "${t%.d}.out" - <<<"$out" >/tmp/dt-golden.diff; then
		bad "$t" "BPF dump differs:"; head -40 /tmp/dt-golden.diff; continue
	fi
	ok
done
# Every parser test program, valid or not, through the whole compiler: it compiles
# or is refused with a located diagnostic (exit 1), never a crash or an internal error.
for t in tests/parse/*.d tests/lex/*.d; do
	[ -e "$t" ] || continue
	err=$(timeout 10 "$D" -Z -e -s "$t" 2>&1 >/dev/null); rc=$?
	if [ $rc -gt 1 ] || grep -qE "internal error|Sanitizer|runtime error" <<<"$err"; then
		bad "$t" "compiler crashed (exit $rc): $(head -5 <<<"$err")"; continue
	fi
	if [ $rc = 1 ] && ! grep -qE "^[^:]+:[0-9]+:[0-9]+: error: " <<<"$err"; then
		bad "$t" "refused without a located diagnostic: $(head -3 <<<"$err")"; continue
	fi
	ok
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
