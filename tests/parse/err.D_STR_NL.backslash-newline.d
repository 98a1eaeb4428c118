BEGIN { x = "abc\
def"; }
