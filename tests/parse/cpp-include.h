/* a header for cpp-include.d */
typedef int myint_t;
#define FROM_HEADER 7
