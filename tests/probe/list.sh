# dtrace -l lists the probes that exist, with DTrace's columns, and filters by -n/-P/-f.
exp='   ID   PROVIDER            MODULE                          FUNCTION NAME
    1     dtrace                                                     BEGIN
    2     dtrace                                                     END
    3     dtrace                                                     ERROR
    4    profile                                                     profile-97
    5    profile                                                     profile-199
    6    profile                                                     profile-499
    7    profile                                                     profile-997
    8    profile                                                     profile-1999
    9    profile                                                     profile-4001
   10    profile                                                     profile-4999
   11    profile                                                     tick-1
   12    profile                                                     tick-10
   13    profile                                                     tick-100
   14    profile                                                     tick-500
   15    profile                                                     tick-1000
   16    profile                                                     tick-5000'
got=$("$DTRACE" -l | head -17) || exit 1
diff <(echo "$exp") <(echo "$got") || exit 1
got=$("$DTRACE" -l -P dtrace -P profile) || exit 1
diff <(echo "$exp") <(echo "$got") || exit 1
got=$("$DTRACE" -l -n 'syscall::openat:' | tail -2 | awk '{print $2, $3, $4, $5}')
[ "$got" = "syscall vmlinux openat entry
syscall vmlinux openat return" ] || { echo "syscall listing: $got"; exit 1; }
got=$("$DTRACE" -l -n 'dtrace:::E*') || exit 1
diff <(echo "$exp" | sed -n '1p;3,4p') <(echo "$got") || exit 1
got=$("$DTRACE" -l -P profile | wc -l)
[ "$got" = 14 ] || { echo "-P profile listed $got lines"; exit 1; }
got=$("$DTRACE" -l -n tick-3ms | tail -1)
[[ "$got" =~ ^\ +[0-9]+\ +profile\ +tick-3ms$ ]] || { echo "on-demand tick: $got"; exit 1; }
