# USDT on a sys/sdt.h program: arguments of every kind the notes use (registers of each
# width, signed and unsigned, constants, memory at base + index * scale), "__" shown as "-",
# the function of the site, and the is-enabled semaphore: 1 while traced, 0 before and after.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
"$T/usdt" 0 | grep -q 'no sys/sdt.h' && { echo "systemtap-sdt-dev not installed"; exit 77; }
out=$("$DTRACE" -q -c "$T/usdt 5" -n 'dtt$target:::args { printf("%d %d %d %d %d\n", arg0, arg1, arg2, arg3, arg4); }
	dtt$target:::report { printf("report %d %d\n", arg0, arg1); }
	dtt$target:usdt:main:name-with-dashes { @ = count(); } END { printa("dashes %@d\n", @); }') ||
	fail "exit status $?"
want="start 1
0 -1 200 5 1000
report 0 1
1 -2 201 5 2000
report 1 1
2 -3 202 5 3000
report 2 1
3 -4 203 5 4000
report 3 1
4 -5 204 5 1000
report 4 1
end 1
dashes 5"
# The trigger's own lines and ours interleave by pipe timing: compare sorted.
[ "$(echo "$out" | sort)" = "$(echo "$want" | sort)" ] || fail "got: $out"
# Listing: provider dtt<pid>, module, function, DTrace's name.
n=$("$DTRACE" -l -n 'dtt$target:::' -c "$T/usdt 0" | grep -Ec '^ *[0-9]+ +dtt[0-9]+ +usdt +main +(args|report|name-with-dashes)$')
[ "$n" = 3 ] || fail "listing: $n"
# The semaphore is raised only while a probe is enabled: -p, three reports, then exit.
"$T/usdt" 60 50 >/tmp/user_usdt.out & p=$!
sleep 0.3
out=$("$DTRACE" -q -p $p -n 'dtt$target:::report { printf("%d\n", arg1); n++; } dtt$target:::report /n == 3/ { exit(0); }')
wait $p
[ "$(echo $out)" = "1 1 1" ] || fail "-p report: $(echo $out)"
[ "$(cat /tmp/user_usdt.out)" = "start 0
end 0" ] || fail "semaphore not restored: $(cat /tmp/user_usdt.out)"
exit 0
