BEGIN { c = (enum color)1; }
