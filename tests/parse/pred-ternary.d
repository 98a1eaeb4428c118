BEGIN
/x ? y : z/
{
}
