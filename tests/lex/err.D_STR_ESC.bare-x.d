BEGIN { x = "\x"; }
