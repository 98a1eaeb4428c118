BEGIN { a = ""; printf(""); }
