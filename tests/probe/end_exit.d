BEGIN { exit(3); }
END { printf("end %d\n", 42); }
