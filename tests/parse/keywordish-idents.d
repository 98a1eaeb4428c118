BEGIN { iff = 1; selfish = 2; thisx = 3; int_t2 = 4; stringify = 5; sizeofx = 6; xlated = 7; _if = 8; }
