# pid provider on a program with known calls: ufunc 100 calls ufunc_add(i, 2i) = 3i exactly
# 100 times.  Entry counts and arguments, return values (arg1), a.out and the basename as
# module names, and DTrace's exit notice, all exact.
T=$(dirname "$DTRACE")/triggers
out=$("$DTRACE" -q -c "$T/ufunc 100" -n '
pid$target:a.out:ufunc_add:entry { @n["calls"] = count(); @s["arg0"] = sum(arg0); @s["arg1"] = sum(arg1); }
pid$target:ufunc:ufunc_add:return { @s["ret"] = sum(arg1); @n["returns"] = count(); }
pid$target:a.out:ufunc_leaf:entry { printf("leaf %s:%s:%s:%s\n", probeprov == strjoin("pid", lltostr($target)) ? "pidN" : probeprov, probemod, probefunc, probename); }
END { printa("%s %@d\n", @n); printa("%s %@d\n", @s); }' 2>/tmp/user_pid.err); rc=$?
[ $rc = 0 ] || { echo "exit status $rc"; cat /tmp/user_pid.err; exit 1; }
want="leaf pidN:ufunc:ufunc_leaf:entry
calls 100
returns 100
arg0 4950
arg1 9900
ret 14850"
[ "$out" = "$want" ] || { echo "got:"; echo "$out"; exit 1; }
# -q silences the notice; without it, DTrace's words.
err=$("$DTRACE" -n 'pid$target::ufunc_leaf:entry' -c "$T/ufunc 3" 2>&1 >/dev/null)
echo "$err" | grep -Eq "^dtrace: pid [0-9]+ has exited$" || { echo "no exit notice: $err"; exit 1; }
echo "$err" | grep -q "^dtrace: description 'pid\$target::ufunc_leaf:entry' matched 1 probe$" ||
	{ echo "match line: $err"; exit 1; }
# Every function of a.out: ufunc_odd starts with an instruction the kernel refuses to
# probe; that one probe is reported, the others work.
out=$("$DTRACE" -q -c "$T/ufunc 4" -n 'pid$target:a.out::entry { @[probefunc] = count(); }
	END { printa("%s %@d\n", @); }' 2>/tmp/user_pid.err) || { cat /tmp/user_pid.err; exit 1; }
echo "$out" | grep -qx 'ufunc_add 4' && echo "$out" | grep -qx 'main 1' || { echo "a.out: $out"; exit 1; }
grep -Eq '^dtrace: failed to enable pid[0-9]+:ufunc:ufunc_odd:entry: the kernel cannot place a uprobe on its instruction$' \
	/tmp/user_pid.err || { echo "no report of ufunc_odd:"; cat /tmp/user_pid.err; exit 1; }
exit 0
