pid$target::malloc:entry
{
}
