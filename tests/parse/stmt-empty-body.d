BEGIN {}
END { }
