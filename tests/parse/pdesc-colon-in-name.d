fbt::if:entry, fbt::int:entry, fbt::self:return
{
}
