BEGIN { $0 $1 $10 $$1 $target $pid $ppid $uid $gid $$target $egid }
