#!/usr/bin/env bash
#
# tests/unit/run.sh BUILD_DIR - build and run every tests/unit/test_*.c.
#
# Each test is a standalone program linked with the few src files it needs
# (the table below), built into BUILD_DIR/unit/ with warnings as errors and
# any extra flags from $UNIT_CFLAGS (the sanitizer build passes
# -fsanitize=address,undefined there).  A test prints `N passed, M failed`
# as its last line; this script shows the output of every test that fails,
# sums the counts and prints the total as its own last line.  A test that
# does not build, is missing from the table, crashes or prints no summary
# counts as one failure.  Exit status 0 iff nothing failed.  Needs no root.
set -u

cd "$(dirname "$0")/../.." || exit 2
build=${1:-build}
out="$build/unit"
mkdir -p "$out" || exit 2

CC=${CC:-gcc}
CFLAGS="-std=gnu11 -Wall -Wextra -Wshadow -Werror -Isrc -Iinclude -D_GNU_SOURCE -g"

# The src files each test links with.
sources_of() {
	case "$1" in
	test_printf) echo "src/printf.c src/util.c" ;;
	test_dis) echo "src/dis.c src/util.c" ;;
	test_agg) echo "src/agg.c src/ksym.c src/util.c" ;;
	test_x86len) echo "src/x86len.c src/usym.c src/util.c -lelf" ;;
	*) return 1 ;;
	esac
}

passed=0 failed=0 skipped=0

# Add one test's summary line ("N passed, M failed[, K skipped]") to the
# totals; fails if the line is no summary or counts a failure.
add_counts() {
	local re='^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$'
	[[ $1 =~ $re ]] || return 1
	passed=$((passed + BASH_REMATCH[1]))
	failed=$((failed + BASH_REMATCH[2]))
	skipped=$((skipped + ${BASH_REMATCH[4]:-0}))
	[ "${BASH_REMATCH[2]}" -eq 0 ]
}

for src in tests/unit/test_*.c; do
	name=$(basename "$src" .c)
	if ! deps=$(sources_of "$name"); then
		echo "FAIL $name: not in the table of tests/unit/run.sh"
		failed=$((failed + 1))
		continue
	fi
	# shellcheck disable=SC2086 # word splitting of the flag and file lists is wanted
	if ! log=$($CC $CFLAGS ${UNIT_CFLAGS:-} "$src" $deps -o "$out/$name" 2>&1); then
		echo "FAIL $name: does not build"
		echo "$log"
		failed=$((failed + 1))
		continue
	fi
	log=$("$out/$name" 2>&1)
	rc=$?
	last=$(printf '%s\n' "$log" | tail -n 1)
	before=$failed
	if add_counts "$last" && [ $rc -eq 0 ]; then
		continue
	fi
	# A crash, a missing summary or a bad exit with no failure counted
	# still fails the run.
	if [ $failed -eq $before ]; then
		failed=$((failed + 1))
	fi
	echo "---- $name (exit $rc)"
	printf '%s\n' "$log"
done

if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
