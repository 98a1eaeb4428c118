#!/usr/sbin/dtrace -qs
#pragma ident "@(#)x.d 1.1"
#pragma once
#ident "x"
#pragma
#
#pragma D ident "y"
BEGIN {}
