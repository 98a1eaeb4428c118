# 12 file.d
