typedef struct in_s in_t;
translator struct out < in_t I > { v = I.v; };
