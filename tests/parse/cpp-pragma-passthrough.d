#define Q quiet
#pragma D option quiet
BEGIN { trace(1); }
