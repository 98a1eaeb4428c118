syscall::read:return
/self->ts && !self->skip/
{
}
