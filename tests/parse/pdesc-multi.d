syscall::read:entry, syscall::write:entry, syscall::pread64:entry
{
}
