BEGIN { x = 1 this_is_a_very_long_identifier_that_will_be_cut_short_in_the_message; }
