/*
 * trunc(@a, n) keeps the n entries with the largest values (ties: the larger
 * key), trunc(@a, -n) the n smallest, trunc(@a) none; a key that gets data
 * again after being removed comes back with the new data only.
 */
#pragma D option quiet

BEGIN
{
	@top["a"] = sum(1); @top["b"] = sum(5); @top["c"] = sum(3);
	@top["d"] = sum(5); @top["e"] = sum(-2); @top["f"] = sum(5);
	@bot["a"] = sum(1); @bot["b"] = sum(5); @bot["c"] = sum(3);
	@bot["d"] = sum(5); @bot["e"] = sum(-2); @bot["f"] = sum(-2);
	@all["a"] = count(); @all["b"] = count();
	@big["a"] = count();
	@q["x"] = quantize(1); @q["y"] = quantize(100); @q["z"] = quantize(10);
	trunc(@top, 2); trunc(@bot, -3); trunc(@all); trunc(@big, 10); trunc(@q, 1);
	printa("top %s %@d\n", @top);
	printa("bot %s %@d\n", @bot);
	printa("all %s %@d\n", @all);
	printa("big %s %@d\n", @big);
	exit(0);
}

END
{
	@all["b"] = count();
	@top["a"] = sum(2);
	printa("all %s %@d\n", @all);
	printa("top %s %@d\n", @top);
}
