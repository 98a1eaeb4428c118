# ufunc(), usym(), uaddr(), umod(): as actions, printed as DTrace prints symbols, and as
# aggregation keys, where ufunc() groups every address of a function into one row (profile
# samples of a busy loop: the ufunc`main row counts exactly what the uaddr rows in main do).
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
out=$("$DTRACE" -q -c "$T/ustack 1" -n 'pid$target:a.out:ustack_g:entry {
	ufunc(ucaller); uaddr(ucaller); umod(ucaller); usym(ucaller); }') || fail "exit status $?"
set -- $out
[ "$1" = 'ustack`ustack_f' ] && [ "$3" = 'ustack' ] && [ "$4" = 'ustack`ustack_f' ] &&
	echo "$2" | grep -Eq '^ustack`ustack_f\+0x[0-9a-f]+$' || fail "actions: $out"
# DTrace's "  %-50s" for each
[ "${out:0:52}" = "  ustack\`ustack_f                                   " ] || fail "format: '$out'"
# Keys tagged F (ufunc) and A (uaddr) tell the two aggregations' rows apart.
out=$("$DTRACE" -q -c "$T/ufunc 300000000" -n 'profile-997 /pid == $target && arg1/ {
	@f["F", ufunc(arg1)] = count(); @a["A", uaddr(arg1)] = count(); }') || fail "profile: $?"
f=$(echo "$out" | awk '$1 == "F" && $2 == "ufunc`main" { print $3 }')
a=$(echo "$out" | awk '$1 == "A" && $2 ~ /^ufunc`main(\+0x[0-9a-f]+)?$/ { s += $3 } END { print s + 0 }')
[ -n "$f" ] && [ "$f" -gt 0 ] && [ "$f" = "$a" ] || fail "grouping: f=$f a=$a: $out"
[ "$(echo "$out" | awk '$1 == "F" && $2 == "ufunc`main"' | wc -l)" = 1 ] || fail "main twice: $out"
exit 0
