/* a header with a mistake, for err.D_SYNTAX.cpp-header.d */
int ok;
int x = 1;
