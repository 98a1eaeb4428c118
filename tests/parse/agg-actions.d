END { printa(@a); printa("%s %@d\n", @a); trunc(@a, 5); trunc(@a); clear(@a); normalize(@a, 1000); denormalize(@a); printa(@a, @b); }
