syscall::read*:entry, syscall::?ead:entry, *:::, syscall::*:return
{
}
