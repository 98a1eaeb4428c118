BEGIN { x = offsetof(struct foo); }
