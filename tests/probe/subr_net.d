/*
 * inet_ntoa(), inet_ntop(), inet_ntoa6() on kernel memory whose bytes are
 * known: this process's name, "dtrace\0...", is 100.116.114.97 as IPv4 and
 * 6474:7261:6365:0:0:0:0:0 as IPv6, which DTrace writes 6474:7261:6365::.
 * Its tgid, four bytes in host order, must read back as its pid.  An
 * unreadable address faults with "invalid address" (subr_inet6.sh has
 * the IPv6 forms; subr_illop.sh a family that is neither).
 */
BEGIN
{
	printf("%s %s\n", inet_ntoa((void *)&curthread->comm[0]), inet_ntop(2, &curthread->comm[0]));
	printf("%s %s\n", inet_ntop(10, &curthread->comm[0]), inet_ntoa6(&curthread->comm[0]));
	af = 10;
	printf("%s\n", inet_ntop(af, &curthread->comm[0]));
	a = inet_ntoa(&curthread->tgid);
	b = strjoin(lltostr(pid & 0xff), ".");
	b = strjoin(b, strjoin(lltostr(pid >> 8 & 0xff), "."));
	b = strjoin(b, strjoin(lltostr(pid >> 16 & 0xff), "."));
	b = strjoin(b, lltostr(pid >> 24 & 0xff));
	printf("%d\n", a == b);
}

BEGIN
{
	printf("%s\n", inet_ntoa(0));
}

BEGIN
{
	printf("%s\n", inet_ntop(10, 8));
}

BEGIN
{
	exit(0);
}
