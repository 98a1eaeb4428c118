BEGIN { x = this->; }
