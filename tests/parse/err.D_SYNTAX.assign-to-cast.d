BEGIN { (int)x = 1; }
