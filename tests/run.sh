#!/bin/bash
# The test runner: every suite, then one summary line "N passed, M failed, K skipped".
#
#   tests/run.sh [BUILD_DIR]
#
# Suites (each prints its own last line "N passed, M failed[, K skipped]"):
#   front   lexer and parser goldens (tests/lex, tests/parse)      no root
#   unit    printf engine, disassembler (tests/unit)                no root
#   golden  compiler diagnostics and BPF dumps (tests/sema, tests/cg)   no root
#   probe   real D scripts on real probes (tests/probe)             root
#   diff    random integer expressions against a reference (tests/diff.sh)   root
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
export DTRACE="$B/dtrace" BUILD="$B"
pass=0 fail=0 skip=0
run_suite() {
	local name=$1; shift
	local out
	out=$("$@" 2>&1)
	local last
	last=$(printf '%s\n' "$out" | tail -n 1)
	if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)?$ ]]; then
		pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
		skip=$((skip + ${BASH_REMATCH[4]:-0}))
		[ "${BASH_REMATCH[2]}" != 0 ] && printf '%s\n' "$out" | head -n 200
	else
		printf '%s\n' "$out" | tail -n 40
		echo "suite $name: no summary line"; fail=$((fail + 1))
	fi
	echo "== $name: $last"
}
run_suite front tests/front.sh "$B"
run_suite unit tests/unit/run.sh "$B"
run_suite golden tests/golden.sh "$B"
run_suite probe tests/probe.sh "$B"
run_suite diff tests/diff.sh "$B"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
