BEGIN { x = a ? b, c : d; }
