# What DTrace calls an illegal operation (fault 2, DTRACEFLT_ILLOP): a base
# outside 2-36 for lltostr() and strtoll(), an address family that is
# neither AF_INET (2) nor AF_INET6 (10) for inet_ntop().  Each stops its
# clause and fires ERROR with arg4 = 2; the later clauses still run.
err=$(mktemp)
trap 'rm -f "$err"' EXIT
out=$("$DTRACE" -qn '
BEGIN { printf("%s\n", lltostr(1, 1)); }
BEGIN { printf("%s\n", lltostr(1, 37)); }
BEGIN { b = -1; printf("%s\n", lltostr(1, b)); }
BEGIN { printf("%d\n", strtoll("1", 0)); }
BEGIN { printf("%d\n", strtoll("1", 37)); }
BEGIN { printf("%s\n", inet_ntop(3, &curthread->comm[0])); }
BEGIN { af = 0; printf("%s\n", inet_ntop(af, &curthread->comm[0])); }
BEGIN { printf("%s %d\n", lltostr(35, 36), strtoll("z", 36)); exit(0); }
ERROR { printf("fault %d\n", arg4); }' 2>"$err") || { echo "$out"; exit 1; }
want='fault 2
fault 2
fault 2
fault 2
fault 2
fault 2
fault 2
z 35'
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }
n=$(grep -c '^dtrace: error on enabled probe ID [1-7] (ID 1: dtrace:::BEGIN): ' "$err")
[ "$n" = 7 ] || { echo "stderr:"; cat "$err"; exit 1; }
