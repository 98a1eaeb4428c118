BEGIN { trace(lltostr(1, 10, 3)); }
