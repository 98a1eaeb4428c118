BEGIN {};
