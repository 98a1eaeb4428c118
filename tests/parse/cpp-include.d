#include "cpp-include.h"
BEGIN { x = (myint_t)FROM_HEADER; }
