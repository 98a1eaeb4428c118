BEGIN { x = "\x100"; }
