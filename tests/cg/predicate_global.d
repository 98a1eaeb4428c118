/* A predicate, a global updated with +=, and the record of a trace(). */
BEGIN
/pid != 0/
{
	n += 2;
	trace(n);
}
