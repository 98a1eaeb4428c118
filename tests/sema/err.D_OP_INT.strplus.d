BEGIN { x = "s" + 1; }
