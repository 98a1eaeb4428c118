BEGIN { x = "ok\400"; }
