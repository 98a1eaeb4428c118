translator struct a < struct b *B > { };
