# 42 "original.d"
BEGIN
{
	x = ;
}
