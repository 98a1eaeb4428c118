#!/bin/sh
# tests/front.sh BUILD_DIR - golden tests of the D front end (lex, parse, cpp).
#
#   tests/lex/NAME.d      BUILD_DIR/dtfront --tokens NAME.d must print NAME.out
#   tests/parse/NAME.d    BUILD_DIR/dtfront --ast NAME.d    must print NAME.out
#   .../err.TAG.NAME.d    dtfront -x errtags --check (--tokens in lex/) must
#                         exit 1 with "[TAG]" on stderr, and stderr must be
#                         exactly err.TAG.NAME.err when that file exists
#   NAME.flags            extra dtfront options for NAME.d (e.g. "-C -DX=1"),
#                         given after the mode, so "--ast-pos" replaces --ast
#
# A success test must exit 0; its stderr must be empty, or equal NAME.err
# if that exists (warnings).  Commands run from the repository root, so the
# file names in diagnostics read "tests/parse/....d".
#
# Prints one line per failing test with a short diff, then
# "N passed, M failed".  Exit status 0 iff M is 0.

if [ $# -ne 1 ]; then
	echo "usage: tests/front.sh BUILD_DIR" >&2
	exit 2
fi
cd "$(dirname "$0")/.." || exit 2
case $1 in /*) build=$1 ;; *) build=$(pwd)/$1 ;; esac
tool=$build/dtfront
if [ ! -x "$tool" ]; then
	echo "front.sh: $tool not found (make $1/dtfront)" >&2
	exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# report NAME WHY [EXPECTED ACTUAL]
report() {
	fail=$((fail + 1))
	echo "FAIL $1: $2"
	if [ $# -eq 4 ]; then
		diff -u "$3" "$4" | sed -n '3,14p' | sed 's/^/    /'
	fi
}

# run_one DIR NAME.d
run_one() {
	dir=$1 file=$2
	base=${file%.d}
	name=$(basename "$base")
	flags=""
	[ -f "$base.flags" ] && flags=$(cat "$base.flags")
	mode=--ast
	[ "$dir" = tests/lex ] && mode=--tokens
	case $name in
	err.*)
		tag=$(echo "$name" | cut -d. -f2)
		[ "$dir" = tests/parse ] && mode=--check
		# shellcheck disable=SC2086
		"$tool" -x errtags $mode $flags "$file" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -ne 1 ]; then
			report "$file" "exit status $rc, expected 1"
		elif ! grep -q "\[$tag\]" "$tmp/err"; then
			report "$file" "stderr lacks [$tag]: $(head -1 "$tmp/err")"
		elif [ -f "$base.err" ] && ! cmp -s "$base.err" "$tmp/err"; then
			report "$file" "stderr differs" "$base.err" "$tmp/err"
		else
			pass=$((pass + 1))
		fi
		;;
	*)
		# shellcheck disable=SC2086
		"$tool" $mode $flags "$file" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		[ -f "$base.err" ] || : >"$tmp/noerr"
		experr=$base.err
		[ -f "$experr" ] || experr=$tmp/noerr
		if [ $rc -ne 0 ]; then
			report "$file" "exit status $rc: $(head -1 "$tmp/err")"
		elif [ ! -f "$base.out" ]; then
			report "$file" "no $base.out"
		elif ! cmp -s "$base.out" "$tmp/out"; then
			report "$file" "output differs" "$base.out" "$tmp/out"
		elif ! cmp -s "$experr" "$tmp/err"; then
			report "$file" "stderr differs" "$experr" "$tmp/err"
		else
			pass=$((pass + 1))
		fi
		;;
	esac
}

for dir in tests/lex tests/parse; do
	for f in "$dir"/*.d; do
		[ -e "$f" ] || continue
		run_one "$dir" "$f"
	done
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
