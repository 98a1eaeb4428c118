#pragma D frobnicate now
