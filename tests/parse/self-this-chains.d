BEGIN { a = self->p->next->val; b = this->s.a.b; c = self->arr[1][2]; d = *self->ptr; e = &this->buf; }
