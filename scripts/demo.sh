#!/bin/sh
# A first real trace: BEGIN, a 1 kHz kernel timer, and END.
B=${1:-build}
set -x
"$B/dtrace" -n 'BEGIN { trace("hello"); }'  -n 'tick-1ms { n++; }' \
	-n 'tick-1s { printf("tick-1ms fired %d times in the first second\n", n); exit(0); }'
