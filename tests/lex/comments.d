/* c1 */ BEGIN /* c2 */ { /* c3 */ x /* c4 */ = 1; // c5
/* multi
   line */ y = 2; }
