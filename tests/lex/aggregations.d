BEGIN { @ @a @_x @count1 @[1] @a[2] }
