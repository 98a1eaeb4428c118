# 250 clauses on one probe run in order; beyond the kernel's 256 functions per
# program, a clear error (not a verifier failure blamed on the user).
args=(-n 'BEGIN { ok = 1; last = 0; }')
for i in $(seq 250); do args+=(-n "BEGIN { ok = ok && last == $i - 1; last = $i; }"); done
out=$("$DTRACE" -q "${args[@]}" -n 'BEGIN { printf("%d %d\n", ok, last); exit(0); }') || exit 1
[ "$out" = "1 250" ] || { echo "got '$out'"; exit 1; }
args=(); for i in $(seq 300); do args+=(-n "BEGIN{x$i=$i;}"); done
err=$("$DTRACE" -q "${args[@]}" 2>&1); rc=$?
[ $rc = 1 ] && grep -q "300 clauses enabled on probes of one kind (dt_begin): more than 254" <<<"$err" || { echo "rc=$rc $err"; exit 1; }
