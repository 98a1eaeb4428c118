self int a[int];
