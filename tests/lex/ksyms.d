BEGIN { `max_pfn vmlinux`jiffies mod_2`sym_3 &`x }
