translator struct a < int X > { y = X; }
