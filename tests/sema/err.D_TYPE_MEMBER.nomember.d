BEGIN { trace(curthread->nosuchmember); }
