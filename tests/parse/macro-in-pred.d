syscall::read:entry
/pid == $target && execname == $$1/
{
}
