syscall:::entry
/pid == 1/
