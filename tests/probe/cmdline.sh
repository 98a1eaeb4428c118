# Exit statuses and messages of the command line.
"$DTRACE" -n 'BEGIN { exit(0) ' 2>/dev/null; [ $? = 1 ] || { echo "syntax error: expected 1"; exit 1; }
"$DTRACE" -K 2>/dev/null; [ $? = 2 ] || { echo "bad option: expected 2"; exit 1; }
"$DTRACE" -n 'nosuch:::probe { }' 2>/tmp/dt-cmd.err; [ $? = 1 ] || { echo "no match: expected 1"; exit 1; }
grep -q 'does not match any probes' /tmp/dt-cmd.err || { cat /tmp/dt-cmd.err; exit 1; }
out=$("$DTRACE" -qn 'BEGIN { printf("%d %s\n", $1, $$2); exit(0); }' 42 foo) || exit 1
[ "$out" = "42 foo" ] || { echo "macro args: '$out'"; exit 1; }
err=$("$DTRACE" -n 'BEGIN { exit(0); }' 2>&1 >/dev/null)
[ "$err" = "dtrace: description 'BEGIN ' matched 1 probe" ] || { echo "matched line: '$err'"; exit 1; }
# The exact stdout of the first example: header, the firing, and a blank line at exit.
got=$("$DTRACE" -n 'BEGIN { trace("hello"); exit(0); }' 2>/dev/null; echo x)
got=$(printf '%s' "${got%x}" | sed -E '2s/^ *[0-9]+ /  0 /'; echo x)
want=$(printf 'CPU     ID                    FUNCTION:NAME\n%3d %6d %32s   %-33s\n\nx' 0 1 ":BEGIN" hello)
[ "$got" = "$want" ] || { echo "stdout differs:"; diff <(echo "$want") <(echo "$got"); exit 1; }
