#!/bin/bash
# Differential tests of integer expressions: random well-typed D expressions
# from tests/tools/exprgen.c, run by dtrace, against exprgen's reference
# values (the semantics are documented at the top of exprgen.c).  Needs root.
#
#   tests/diff.sh [BUILD_DIR]        (make builds BUILD_DIR/exprgen; this builds nothing)
#
#   DIFF_SEED=N|random  seed of the first batch (default 1); batch i uses N+i
#   DIFF_BATCHES=40     batches of DIFF_COUNT=50 expressions of depth DIFF_DEPTH=8
#   DIFF_GCC=5          check exprgen itself against the C compiler on that many batches
#   DIFF_CASTS=0        leave casts out (they are in by default)
#
# After the batches, one batch four times longer: a clause beyond the reach of a
# BPF jump's 16-bit offset.  One check per expression: a batch that dtrace cannot
# compile or load fails all of its expressions.  A failing batch's script and
# expected output are kept in BUILD_DIR/diff-fail/ to rerun by hand.
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
DTRACE=$B/dtrace GEN=$B/exprgen FAILDIR=$B/diff-fail
seed=${DIFF_SEED:-1}
[ "$seed" = random ] && seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
batches=${DIFF_BATCHES:-40} count=${DIFF_COUNT:-50} depth=${DIFF_DEPTH:-8} gcc_batches=${DIFF_GCC:-5}
flags=
[ "${DIFF_CASTS:-1}" != 0 ] && flags=-c
if [ "$(id -u)" != 0 ]; then
	echo "diff tests need root: skipping"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
if [ ! -x "$GEN" ] || [ ! -x "$DTRACE" ]; then
	echo "no $GEN or $DTRACE: run make first"; echo "0 passed, 1 failed"; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$FAILDIR"
pass=0 fail=0

# The C compiler must agree with the reference wherever C defines the result
# (exprgen -C spells our shift and division rules as macros): else the bug is ours.
check_reference() {
	local s=$1 n=$2
	command -v "${CC:-cc}" > /dev/null || return 0
	"$GEN" $flags -C "$s" "$n" "$depth" "$tmp/want" > "$tmp/t.c"
	if ! "${CC:-cc}" -std=gnu11 -fwrapv -w -o "$tmp/t" "$tmp/t.c" || ! "$tmp/t" > "$tmp/cc.out" ||
	   ! cmp -s "$tmp/want" "$tmp/cc.out"; then
		echo "FAIL seed $s: exprgen's reference disagrees with cc -fwrapv:"
		diff "$tmp/want" "$tmp/cc.out" | head -n 10
		fail=$((fail + 1))
	fi
}

keep_batch() {
	mkdir -p "$FAILDIR"
	cp "$tmp/t.d" "$FAILDIR/$1.d"
	cp "$tmp/want" "$FAILDIR/$1.want"
}

# One batch: seed, number of expressions.
run_batch() {
	local s=$1 n=$2 rc i=0 want got expr bad=0
	"$GEN" $flags "$s" "$n" "$depth" "$tmp/want" > "$tmp/t.d" || { fail=$((fail + n)); return; }
	# in a subshell of its own, whose "Aborted" notice goes to /dev/null: $tmp/err says more
	(timeout -k 5 60 "$DTRACE" -qs "$tmp/t.d" > "$tmp/got" 2> "$tmp/err"; exit $?) 2> /dev/null
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL seed $s: dtrace exited with $rc on $n expressions ($FAILDIR/$s.d):"
		head -n 5 "$tmp/err"
		keep_batch "$s"
		fail=$((fail + n))
		return
	fi
	sed -n 's/^\tprintf("%[du]\\n", \(.*\));$/\1/p' "$tmp/t.d" > "$tmp/exprs"
	# ';' never occurs in an expression, and unlike a tab it does not merge empty fields
	while IFS=';' read -r want got expr; do
		i=$((i + 1))
		if [ "$want" = "$got" ]; then
			pass=$((pass + 1))
			continue
		fi
		[ $bad = 0 ] && keep_batch "$s" && echo "FAIL seed $s ($FAILDIR/$s.d), with" \
			"$(sed -n 's/^\t\(v[0-9]* = .*;\)$/\1 /p' "$tmp/t.d" | tr -d '\n')"
		bad=1
		echo "  #$i: $expr"
		echo "      expected ${want:-nothing}, dtrace printed ${got:-nothing}"
		fail=$((fail + 1))
	done < <(paste -d';' "$tmp/want" <(head -n "$n" "$tmp/got") "$tmp/exprs")
	if tail -n +$((n + 1)) "$tmp/got" | grep -q .; then
		echo "FAIL seed $s: dtrace printed more than $n lines"
		fail=$((fail + 1))
	fi
}

echo "seeds $seed..$((seed + batches)) (rerun with DIFF_SEED=$seed): $count expressions of depth" \
	"$depth per batch, $((4 * count)) in the last${flags:+, with casts}"
for ((b = 0; b < batches; b++)); do
	run_batch $((seed + b)) "$count"
	[ $b -lt "$gcc_batches" ] && check_reference $((seed + b)) "$count"
done
run_batch $((seed + batches)) $((4 * count))
echo "$pass passed, $fail failed"
[ $fail = 0 ]
