BEGIN { x = (int)a * b; y = (int)(a * b); z = a * (int)b; }
