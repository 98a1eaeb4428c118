BEGIN
/s == "a/b"/
{
}
