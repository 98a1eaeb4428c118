/*
 * normalize(@a, n): printing divides the values by n (avg: sum / n / count;
 * stddev: DTrace's integer formula with n; distributions: the counts, not the
 * bars), with and without a printa() format; the order stays that of the raw
 * values.  It applies to the entries there when it runs, as in DTrace: a key
 * first seen later is printed as it is.  denormalize() undoes it.
 */
#pragma D option quiet

BEGIN
{
	@n["x"] = sum(100); @n["y"] = sum(-55); @n["z"] = sum(7);
	@av["x"] = avg(100); @av["x"] = avg(201);
	@sd = stddev(100); @sd = stddev(300);
	@q = quantize(3); @q = quantize(3); @q = quantize(1000);
	@l = lquantize(5, 0, 10, 5); @l = lquantize(5, 0, 10, 5); @l = lquantize(5, 0, 10, 5);
	normalize(@n, 10); normalize(@av, 10); normalize(@sd, 10); normalize(@q, 2);
	normalize(@l, 3);
	printa(@n);
	printa("%s %@d|\n", @n);
	printa(@av);
	printa("%@u\n", @sd);
	printa(@q);
	printa(@l);
	denormalize(@n);
	printa("%s %@d\n", @n);
	normalize(@n, 5);
	exit(0);
}

END
{
	@n["w"] = sum(50);
	printa("%s %@d\n", @n);
}
