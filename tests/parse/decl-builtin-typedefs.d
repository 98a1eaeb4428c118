uint8_t a; int16_t b; uint32_t c; int64_t d; size_t e; ssize_t f;
pid_t g; uid_t h; time_t i; uintptr_t j; caddr_t k; off_t l;
dev_t m; id_t n; processorid_t o; gid_t p; intptr_t q; int8_t r;
