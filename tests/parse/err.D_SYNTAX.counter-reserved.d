counter c;
