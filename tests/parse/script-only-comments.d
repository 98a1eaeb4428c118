/* nothing but comments */
// and line comments
