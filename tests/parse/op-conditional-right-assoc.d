BEGIN { x = a ? b : c ? d : e; y = a ? b ? c : d : e; }
