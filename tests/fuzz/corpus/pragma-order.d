#pragma D option quiet
BEGIN
{
#pragma D option bufsize=8k
	x = 1;
}
#pragma D option flowindent
END {}
