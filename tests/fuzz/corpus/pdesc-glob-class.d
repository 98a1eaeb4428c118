syscall::[rw]*:entry,
syscall::[!a-m]*:entry,
fbt::vfs_[a-z]*:return
{
}
