#!/usr/sbin/dtrace -s
#pragma D option quiet
  #pragma D option bufsize=4m /* comment */
#pragma D binding "1.0" "two words"
#include <stdio.h>
#error message here
#ident "x"
#
BEGIN {}
