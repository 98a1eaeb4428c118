int a[string]; int a[int];
