BEGIN { trace(sizeof(struct no_such_struct_xyz)); }
