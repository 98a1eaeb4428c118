syscall::write:entry
/
  pid == 1 &&
  arg0 == 2
/
{
}
