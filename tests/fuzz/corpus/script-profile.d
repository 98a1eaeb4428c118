profile-997hz
/arg1/
{
	@user[execname, ustack(5)] = count();
}

profile-997hz
/arg0/
{
	@kern[stack()] = count();
}

tick-10s
{
	trunc(@user, 10);
	printa(@user);
	exit(0);
}
