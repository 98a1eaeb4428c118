BEGIN { s.f(1); }
