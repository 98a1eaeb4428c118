# Instruction-offset probes: pid$target::main: lists exactly the instructions objdump finds
# in main; each offset probe of ufunc_add fires once per call; a mid-instruction offset
# matches nothing.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
command -v objdump >/dev/null || { echo "objdump (binutils) not installed"; exit 77; }
for f in main ufunc_add; do
	start=$(objdump -d "$T/ufunc" | sed -n "s/^0*\([0-9a-f]*\) <$f>:$/\1/p")
	want=$(objdump -d --insn-width=16 "$T/ufunc" | awk -v f="<$f>:" '$2 == f { on = 1; next } on && NF == 0 { exit }
		on { sub(":", "", $1); print $1 }' | while read -r a; do printf '%x\n' $((0x$a - 0x$start)); done)
	got=$("$DTRACE" -l -n "pid\$target:a.out:$f:" -c "$T/ufunc 1" | awk 'NR > 1 && $5 !~ /entry|return/ { print $5 }')
	[ -n "$want" ] && [ "$got" = "$want" ] || fail "$f offsets: got $(echo $got), objdump $(echo $want)"
done
out=$("$DTRACE" -q -n 'pid$target:a.out:ufunc_add: /probename != "entry" && probename != "return"/ { @[probename] = count(); }
	END { printa("%s=%@d ", @); }' -c "$T/ufunc 7") || fail "firing: $?"
n=$(echo "$out" | tr ' ' '\n' | grep -c '=7$')
[ "$n" = "$(echo "$want" | wc -l)" ] && ! echo "$out" | grep -qv '=7 *$' || fail "firing: '$out'"
err=$("$DTRACE" -n 'pid$target:a.out:ufunc_add:1' -c "$T/ufunc 1" 2>&1) && fail "mid-instruction offset accepted"
echo "$err" | grep -q 'does not match any probes' || fail "mid-instruction: $err"
exit 0
