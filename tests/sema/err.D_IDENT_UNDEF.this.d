BEGIN { trace(this->never); }
