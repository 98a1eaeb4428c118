BEGIN { x = `1; }
