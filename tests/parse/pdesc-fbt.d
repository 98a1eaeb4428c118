fbt:vmlinux:do_sys_open:entry, fbt::vfs_read:return, fbt:ext4:ext4_*:entry
{
}
