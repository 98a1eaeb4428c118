syscall::read:entry
{
}
