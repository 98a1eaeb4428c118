BEGIN/x/{}
END /a / b/ {}
tick-1s
/c/
{}
