BEGIN, { }
