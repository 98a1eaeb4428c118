int struct foo x;
