inline string NAME = "foo";
