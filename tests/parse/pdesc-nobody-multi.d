BEGIN
END
tick-1s
