BEGIN/* c */,END/* d */{}
