# 10 "other.d"
BEGIN {}
#line 20 "third.d"
END {}
# 1 "pragma-line-marker.d" 2
tick-1s {}
