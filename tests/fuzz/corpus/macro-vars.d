BEGIN { a = $1; b = $2; c = $$1; d = $target; e = $pid; f = $ppid; g = $uid; h = $gid; i = $$target; j = $0; k = $10; }
