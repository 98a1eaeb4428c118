#pragma D option "foo bar"
#pragma D binding "1.0" "name with spaces"
