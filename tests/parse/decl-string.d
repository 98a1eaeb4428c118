string s;
self string name;
this string t;
string names[int];
