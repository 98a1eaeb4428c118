BEGIN /* open
