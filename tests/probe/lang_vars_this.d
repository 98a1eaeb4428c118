/* this-> variables: clause-local, shared by the clauses of one firing */
BEGIN
{
	this->x = 10;
	this->name = "local";
	printf("%d %s\n", this->x * 2, this->name);
}

BEGIN
{
	this->x = this->x + 1;
	printf("%d\n", this->x);
	exit(0);
}
