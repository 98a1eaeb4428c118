syscall::open:entry,
syscall::openat:entry,
	syscall::creat:entry
{
}
