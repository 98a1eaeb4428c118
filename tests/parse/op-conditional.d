BEGIN { x = a ? b : c; }
