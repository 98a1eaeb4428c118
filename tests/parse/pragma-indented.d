   #pragma D option quiet
	#pragma D option dynvarsize=16m
BEGIN {}
