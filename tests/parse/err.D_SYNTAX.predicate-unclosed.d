BEGIN /x { }
