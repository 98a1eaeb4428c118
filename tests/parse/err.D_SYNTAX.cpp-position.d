#define EMPTY
#include "cpp-include.h"
/* the error is on line 6 of this file */

BEGIN
{	x = (myint_t) EMPTY; }
