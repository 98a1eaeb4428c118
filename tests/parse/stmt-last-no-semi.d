BEGIN { trace(1) }
END { a = 1; b = 2; trace(a + b) }
