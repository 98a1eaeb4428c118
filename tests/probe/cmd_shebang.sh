# An interpreter file: "#!<dtrace> -qs" with bundled flags, run directly,
# takes its operands as $1 (an integer) and $$2 (a string); with
# -x defaultargs, missing operands are 0 and "".
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/s.d" <<EOS
#!$DTRACE -qs
BEGIN { printf("%d %s\n", \$1 + 1, \$\$2); exit(0); }
EOS
chmod +x "$tmp/s.d"
out=$("$tmp/s.d" 41 hello) || exit 1
[ "$out" = "42 hello" ] || { echo "got '$out'"; exit 1; }
out=$("$tmp/s.d" 41) && { echo "missing \$2 accepted: '$out'"; exit 1; }
cat > "$tmp/d.d" <<EOS
#!$DTRACE -qs
#pragma D option defaultargs
BEGIN { printf("%d [%s]\n", \$1 + 1, \$\$2); exit(0); }
EOS
chmod +x "$tmp/d.d"
out=$("$tmp/d.d") || exit 1
[ "$out" = "1 []" ] || { echo "defaultargs: got '$out'"; exit 1; }
exit 0
