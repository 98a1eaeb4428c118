BEGIN { x = ; }
