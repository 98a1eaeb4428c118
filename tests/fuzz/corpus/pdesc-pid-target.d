pid$target:libc*::entry,
pid$target:libc.so.6:malloc:return,
pid$1:a.out:main:entry
{
}
