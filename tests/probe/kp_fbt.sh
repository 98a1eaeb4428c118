# fbt: no probes in -l, and enabling one says why (on this kernel: neither
# fentry nor kprobes; elsewhere: not supported yet by this build).
[ "$("$DTRACE" -l | awk '$2 == "fbt"' | wc -l)" = 0 ] || { echo "fbt probes listed"; exit 1; }
err=$("$DTRACE" -x errtags -n 'fbt::vfs_read:entry { trace(1); }' 2>&1) && { echo "enabled: $err"; exit 1; }
echo "$err" | grep -q 'D_PDESC_ZERO' || { echo "tag: $err"; exit 1; }
echo "$err" | grep -qE 'fbt probes need fentry/fexit or kprobes, and this kernel has neither|the fbt provider is not supported yet' ||
	{ echo "message: $err"; exit 1; }
