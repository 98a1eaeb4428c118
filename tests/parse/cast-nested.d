BEGIN { a = (int)(char)x; b = (int)-(char)x; c = (long)(int)(short)x; }
