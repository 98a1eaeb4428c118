proc:::exec-success, sched:::on-cpu, io:::start, syscall::exit_group:entry
{
}
