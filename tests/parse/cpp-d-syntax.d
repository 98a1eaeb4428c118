/* cpp must leave D's own syntax alone */
pid$target:libc*::entry
/`max_pfn > 0 && $1 == @/
{
	@a[$$2] = count();
	self->x = 'c';
}
