syscall::read:return { @q = quantize(arg0); @l = lquantize(arg0, 0, 100, 10); @ll = llquantize(arg0, 10, 0, 6, 20); @s = stddev(arg0); }
