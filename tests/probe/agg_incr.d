/* The increment argument of quantize() and lquantize(): the bucket grows by it. */
BEGIN
{
	@q = quantize(3, 5);
	@q = quantize(3, -2);
	@q = quantize(100, 7);
	@l = lquantize(4, 0, 10, 2, 3);
	@l = lquantize(40, 0, 10, 2, 1000);
	exit(0);
}
