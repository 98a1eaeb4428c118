:::BEGIN, fbt:::, ::read:, ::::
{
}
