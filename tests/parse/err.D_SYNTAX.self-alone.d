BEGIN { x = self; }
