# -o appends output to a file; stdout gets nothing.
f=$(mktemp); rm -f "$f"
out=$("$DTRACE" -q -o "$f" -n 'BEGIN { printf("to file\n"); exit(0); }') || exit 1
[ -z "$out" ] || { echo "stdout not empty: $out"; exit 1; }
grep -qx "to file" "$f" || { echo "file: $(cat $f)"; exit 1; }
rm -f "$f"
