struct foo *fp;
struct foo f;
struct foo;
