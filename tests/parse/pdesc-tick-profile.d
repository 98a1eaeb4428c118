tick-1ms, tick-10sec, profile-997hz, profile-1001
{
}
