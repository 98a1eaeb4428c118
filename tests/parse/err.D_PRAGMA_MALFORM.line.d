#line forty-two
