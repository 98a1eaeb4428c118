long long double x;
