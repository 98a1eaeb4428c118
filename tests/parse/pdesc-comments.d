/* before */ BEGIN /* between */ , /* again */ END // line comment
/* before predicate */ /x/ /* before body */ {
}
