# Options: an unknown name is DTrace's "Invalid option name" (usage error,
# exit 2); a DTrace option we do not implement says so; a bad flag prints
# the usage text and exits 2; -x cleanrate takes a rate and has no effect.
out=$("$DTRACE" -x nosuchoption -n 'BEGIN { exit(0); }' 2>&1); rc=$?
[ $rc = 2 ] && [ "$out" = "dtrace: failed to set -x nosuchoption: Invalid option name" ] ||
	{ echo "unknown: rc $rc '$out'"; exit 1; }
out=$("$DTRACE" -x temporal -n 'BEGIN { exit(0); }' 2>&1); rc=$?
[ $rc = 2 ] && [ "$out" = "dtrace: failed to set -x temporal: option temporal is not supported yet" ] ||
	{ echo "temporal: rc $rc '$out'"; exit 1; }
out=$("$DTRACE" -K 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q '^Usage: dtrace ' || { echo "bad flag: rc $rc '$out'"; exit 1; }
out=$("$DTRACE" -q -x cleanrate=50hz -x nspec=4 -x specsize=1m -n 'BEGIN { printf("ok\n"); exit(0); }') &&
	[ "$out" = ok ] || { echo "cleanrate: '$out'"; exit 1; }
out=$("$DTRACE" -x nspec=65 -n 'BEGIN { exit(0); }' 2>&1); rc=$?
[ $rc = 2 ] && [ "$out" = "dtrace: failed to set -x nspec=65: nspec must be between 1 and 64" ] ||
	{ echo "nspec: rc $rc '$out'"; exit 1; }
# aggrate: a rate, accepted and without effect (aggregations are read when needed)
out=$("$DTRACE" -q -x aggrate=10hz -n 'BEGIN { @ = count(); exit(0); }') &&
	[ "$(echo $out)" = 1 ] || { echo "aggrate: '$out'"; exit 1; }
out=$("$DTRACE" -x aggrate=often -n 'BEGIN { exit(0); }' 2>&1); rc=$?
[ $rc = 2 ] && [ "$out" = "dtrace: failed to set -x aggrate=often: invalid value for option aggrate" ] ||
	{ echo "aggrate bad: rc $rc '$out'"; exit 1; }
