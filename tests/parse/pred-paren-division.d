BEGIN
/(a / 2) == b/
{
}
