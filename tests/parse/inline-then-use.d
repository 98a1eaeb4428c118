inline int LIMIT = 10;
syscall::read:return /arg0 > LIMIT/ { trace(LIMIT) }
