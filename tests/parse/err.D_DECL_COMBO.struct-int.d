struct foo int x;
