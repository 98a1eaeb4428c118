BEGIN { x = "a" "b"; }
