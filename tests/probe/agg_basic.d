/* Aggregations with known values, printed at exit in DTrace's format and order. */
#pragma D option quiet
BEGIN
{
	@c["b"] = count(); @c["a"] = count(); @c["b"] = count();
	@s[1] = sum(10); @s[2] = sum(-3); @s[1] = sum(5);
	@mn = min(5); @mn = min(-7); @mn = min(2);
	@mx["x", 2] = max(3); @mx["x", 1] = max(9); @mx["x", 2] = max(11);
	@avg = avg(4); @avg = avg(6); @avg = avg(9);
	@sd = stddev(1); @sd = stddev(2); @sd = stddev(3); @sd = stddev(4);
	@q = quantize(1); @q = quantize(5); @q = quantize(7); @q = quantize(1000); @q = quantize(0);
	@l = lquantize(3, 0, 10, 2); @l = lquantize(-1, 0, 10, 2); @l = lquantize(10, 0, 10, 2);
	exit(0);
}
