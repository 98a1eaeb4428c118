#!/bin/bash
# walltimestamp is the realtime clock; ppid is the parent's process id.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$DTRACE" -qn 'BEGIN { printf("%d %d\n", walltimestamp / 1000000000, ppid); exit(0); }' >"$tmp" || exit 1
now=$(date +%s)
read -r wall ppid <"$tmp"
[ "$ppid" = $$ ] || { echo "ppid $ppid, expected $$"; exit 1; }
d=$((now - wall)); d=${d#-}
[ "$d" -le 5 ] || { echo "walltimestamp $wall s, date says $now"; exit 1; }
