BEGIN { a = "\d\q"; }
