BEGIN { denormalize(@nosuch); }
