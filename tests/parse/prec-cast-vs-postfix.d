BEGIN { x = (char *)p[1]; y = ((char *)p)[1]; z = (struct foo *)q->next; }
