python*:::function-entry, postgresql$1:::query-start, mysql12345:mysqld:*:query-start
{
}
