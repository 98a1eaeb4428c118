BEGIN { ; ; x = 1;; }
