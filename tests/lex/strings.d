BEGIN
{
	"" "plain" "tab\there" "nl\n" "quote\"d" "back\\slash" "\x41\102C" "nul\0x" "\a\b\f\r\v" "'"
}
