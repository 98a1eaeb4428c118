BEGIN {}
# 10 "other.d"
END {}
#line 20
tick-1s {}
#line 5 "third.d"
ERROR {}
# 6 "tests/lex/line-markers.d" 2
BEGIN {}
