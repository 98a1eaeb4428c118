BEGIN {}
#pragma error "stop here"
