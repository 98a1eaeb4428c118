// cxxthrow - throws and catches std::runtime_error N times (argv[1], default 3),
// for the libstdc++ USDT probes (libstdcxx:::throw, libstdcxx:::catch).
#include <cstdlib>
#include <stdexcept>

__attribute__((noinline)) static void thrower(int i)
{
	if (i >= 0)
		throw std::runtime_error("boom");
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? std::atoi(argv[1]) : 3, caught = 0;
	for (int i = 0; i < n; i++) {
		try {
			thrower(i);
		} catch (const std::runtime_error &) {
			caught++;
		}
	}
	return caught == n ? 0 : 1;
}
