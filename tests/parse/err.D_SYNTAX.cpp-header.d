#include "cpp-bad.h"
BEGIN {}
