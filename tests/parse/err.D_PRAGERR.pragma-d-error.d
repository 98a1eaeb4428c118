#pragma D error nope
