BEGIN
{
	a = 1u; b = 1U; c = 1l; d = 1L; e = 1ul; f = 1UL; g = 1lu; h = 1LU;
	i = 1ll; j = 1LL; k = 1ull; l = 1ULL; m = 1llu; n = 1LLU; o = 0x1fUL; p = 017u; q = 1uLL;
}
