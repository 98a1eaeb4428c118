/* leading comment */
BEGIN /* after pspec */ {
	/* in body */ x /* between */ = /* tokens */ 1; /* trailing */
	/*
	 * multi-line
	 */
}
/**/END/**/{/**/}/**/
