inline uint64_t BIG = 0xffffffffffffffffULL;
inline struct task_struct *cur = curthread;
inline char CH = 'a';
inline const int CI = 3;
