BEGIN { x = "ab\xzz"; }
