#pragma D binding "1.0" foo
#pragma D binding "1.6.1" bar
