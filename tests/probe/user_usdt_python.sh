# USDT in a program nobody here wrote: python3's function-entry (file, function, line).
# Python 3.11 only fires function-entry while a line probe is enabled too (bpftrace sees the
# same), so the script enables line.
fail() { echo "$@"; exit 1; }
py=$(readlink -f /usr/bin/python3 2>/dev/null)
[ -x "$py" ] || { echo "no /usr/bin/python3"; exit 77; }
"$DTRACE" -l -n 'python$target:::function-entry' -c "$py -c pass" 2>/dev/null | grep -q function-entry ||
	{ echo "$py has no USDT notes"; exit 77; }
tmp=$(mktemp -d)
printf 'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\nfib(5)\n' >"$tmp/fibo.py"
out=$("$DTRACE" -q -c "$py $tmp/fibo.py" -n 'python$target:::line { }
	python$target:::function-entry /copyinstr(arg1) == "fib"/ {
		@[basename(copyinstr(arg0)), copyinstr(arg1), arg2] = count(); }
	END { printa("%s %s %d %@d\n", @); }'); rc=$?
rm -rf "$tmp"
[ $rc = 0 ] || fail "exit status $rc"
[ "$out" = "fibo.py fib 1 15" ] || fail "got '$out'"
exit 0
