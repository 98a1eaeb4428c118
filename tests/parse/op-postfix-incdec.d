BEGIN { x = a++ + ++b; y = a-- - --b; z = p->count++; w = self->n--; }
