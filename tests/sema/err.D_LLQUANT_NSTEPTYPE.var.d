BEGIN { steps = 10; @a = llquantize(1, 10, 0, 6, steps); }
