@a = count();
