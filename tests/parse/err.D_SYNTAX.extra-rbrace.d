BEGIN { } }
