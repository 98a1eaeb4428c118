provider empty { };
