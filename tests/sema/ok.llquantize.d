BEGIN { @a = llquantize(1, 10, 0, 18, 10); @b = llquantize(1, 2, 0, 62, 4, 7); @c = lquantize(1, 0, 10, 1, 3); @d = quantize(1, 5); }
