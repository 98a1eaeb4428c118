# %Y formats a walltimestamp as DTrace does ("2026 Nov 23 10:04:05", local
# time): a fixed instant in UTC, and walltimestamp against date(1).
out=$(TZ=UTC "$DTRACE" -qn 'BEGIN { printf("%Y|%20Y|%-21Y|\n", 1000000000000000000LL,
    1000000000000000000LL, 1000000000000000000LL); exit(0); }') || exit 1
want="2001 Sep  9 01:46:40|2001 Sep  9 01:46:40|2001 Sep  9 01:46:40 |"
[ "$out" = "$want" ] || { echo "got '$out', want '$want'"; exit 1; }
before=$(date +%s)
out=$("$DTRACE" -qn 'BEGIN { printf("%Y\n", walltimestamp); exit(0); }') || exit 1
after=$(date +%s)
for s in $(seq "$before" "$after"); do
	[ "$out" = "$(date -d "@$s" '+%Y %b %e %H:%M:%S')" ] && exit 0
done
echo "got '$out', not a time between $before and $after"; exit 1
