BEGIN { t = (struct vmlinux`task_struct *)curthread; u = (union mod`u *)p; }
