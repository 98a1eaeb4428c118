BEGIN/x/{trace(1)}
END{}
