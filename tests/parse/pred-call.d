syscall::openat:entry
/strstr(copyinstr(arg1), "/etc") != NULL/
{
}
