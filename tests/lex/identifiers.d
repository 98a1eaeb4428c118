BEGIN { a; _b; c1; __d__; selfx; this_; int8; xlate2; A_Z_09; }
