BEGIN { x = LIMIT; y = ENABLED; }
