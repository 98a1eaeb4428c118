BEGIN { trace(substr(1, 2)); }
