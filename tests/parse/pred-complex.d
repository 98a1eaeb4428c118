syscall::openat:entry
/execname == "bash" && arg0 != 0 || pid == $target/
{
}
