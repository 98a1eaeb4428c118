# 3 "a.d"
#line x
