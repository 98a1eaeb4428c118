# ustack(): main -> ustack_f -> ustack_g with names, each return address checked against
# objdump (the instruction before it is the call), the caller a function-entry probe would
# miss, ustack(n) limits, and the frames symbolized after the process has exited.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
command -v objdump >/dev/null || { echo "objdump (binutils) not installed"; exit 77; }
out=$("$DTRACE" -q -c "$T/ustack 2" -n 'pid$target:a.out:ustack_g:entry { ustack(); }') ||
	fail "exit status $?"
first=$(echo "$out" | awk 'NF' | head -3)
echo "$first" | sed -n 1p | grep -Eq '^              ustack`ustack_g$' || fail "frame 0: $out"
echo "$first" | sed -n 2p | grep -Eq '^              ustack`ustack_f\+0x[0-9a-f]+$' || fail "frame 1: $out"
echo "$first" | sed -n 3p | grep -Eq '^              ustack`main\+0x[0-9a-f]+$' || fail "frame 2: $out"
[ "$(echo "$out" | grep -c 'ustack`ustack_g$')" = 2 ] || fail "two firings: $out"
# Each return address follows a call to the function of the frame above it.
dis=$(objdump -d --insn-width=16 "$T/ustack")
for pair in "ustack_f ustack_g" "main ustack_f"; do
	set -- $pair
	off=$(echo "$first" | grep -o "\`$1+0x[0-9a-f]*" | sed 's/.*+//')
	start=$(echo "$dis" | sed -n "s/^0*\([0-9a-f]*\) <$1>:$/\1/p")
	ret=$(printf '%x' $((0x$start + off)))
	echo "$dis" | grep -B1 -E "^ +$ret:" | head -1 | grep -q "call.*<$2>" ||
		fail "$1+$off is not after a call to $2"
done
# ucaller at ustack_g's entry is the return address in ustack_f: within its page, the
# address objdump gives (the executable is loaded at a page-aligned base); ustackdepth
# counts at least ustack_g, ustack_f and main.
out=$("$DTRACE" -q -c "$T/ustack 1" -n 'pid$target:a.out:ustack_g:entry { printf("%x %d\n", ucaller, ustackdepth); }')
set -- $out
fstart=$(echo "$dis" | sed -n "s/^0*\([0-9a-f]*\) <ustack_f>:$/\1/p")
ret=$(echo "$dis" | awk -v f="<ustack_f>:" '$2 == f { on = 1; next } on && /call.*<ustack_g>/ { c = 1; next }
	on && c { sub(":", "", $1); print $1; exit }')
[ $((0x$1 & 0xfff)) = $((0x$ret & 0xfff)) ] || fail "ucaller $1, return address in ustack_f at $ret"
[ "$2" -ge 3 ] || fail "ustackdepth $2"
# As an aggregation key, printed as DTrace prints stack keys: the frames, then the value.
# ustack_f starts with push %rbp, where the kernel itself adds the caller: main once.
out=$("$DTRACE" -q -c "$T/ustack 5" -n 'pid$target:a.out:ustack_f:entry { @[ustack(3)] = count(); }')
[ "$(echo "$out" | awk 'NF' | sed -n 1p)" = "              ustack\`ustack_f" ] &&
[ "$(echo "$out" | awk 'NF' | sed -n 2p | grep -c '^              ustack`main+0x[0-9a-f]*$')" = 1 ] &&
[ "$(echo "$out" | awk 'NF' | sed -n 3p | grep -c 'ustack`main')" = 0 ] &&
[ "$(echo "$out" | awk 'NF' | tail -1)" = "                5" ] || fail "stack key: $out"
# ustack(2): two frames only.
n=$("$DTRACE" -q -c "$T/ustack 1" -n 'pid$target:a.out:ustack_g:entry { ustack(2); }' | awk 'NF' | wc -l)
[ "$n" = 2 ] || fail "ustack(2): $n frames"
n=$("$DTRACE" -q -x ustackframes=2 -c "$T/ustack 1" -n 'pid$target:a.out:ustack_g:entry { ustack(); }' |
	awk 'NF' | wc -l)
[ "$n" = 2 ] || fail "-x ustackframes=2: $n frames"
err=$("$DTRACE" -x errtags -n 'BEGIN { ustack(0); }' 2>&1) && fail "ustack(0) accepted"
echo "$err" | grep -q D_USTACK_FRAMES || fail "ustack(0): $err"
exit 0
