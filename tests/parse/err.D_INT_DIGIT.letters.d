BEGIN { x = 123abc; }
