syscall::read:entry
/arg2 / 2 > 10/
{
}
