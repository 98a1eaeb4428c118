BEGIN { }
BEGIN { trace(1); trace(-1); trace(123456789012); trace(probename); exit(0); }
