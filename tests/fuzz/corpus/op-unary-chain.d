BEGIN { x = - -a; y = !!a; z = ~-a; w = *&v; u = -*p; t = ++*p; s = - --a; }
