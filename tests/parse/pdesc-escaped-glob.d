sdt:::foo\*bar, sdt:::a\?b
{
}
