enum e { A, B, C };
enum e2 { X = 1, Y = X + 1, Z = 1 << 4 };
enum { ANON };
enum trailing { T1, T2, };
enum e v;
