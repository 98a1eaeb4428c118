syscall::$1:entry, pid$2::$$3:entry
{
}
