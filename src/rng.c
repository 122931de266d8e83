#include "rng.h"

uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

void
rng_stream(struct rng *r, unsigned long seed, long stream)
{
	struct rng m = {(uint64_t)seed};

	r->s = rng_next(&m) ^ ((uint64_t)stream * 0xd1b54a32d192ed03u);
	rng_next(r);
}

long
rng_int(struct rng *r, long n)
{
	return n <= 1 ? 0 : (long)(rng_next(r) % (uint64_t)n);
}

long
rng_range(struct rng *r, long lo, long hi)
{
	return hi <= lo ? lo : lo + rng_int(r, hi - lo + 1);
}

int
rng_chance(struct rng *r, int percent)
{
	return rng_int(r, 100) < percent;
}

size_t
rng_weighted(struct rng *r, const int *w, size_t n)
{
	long sum = 0, x;

	for (size_t i = 0; i < n; i++)
		sum += w[i];
	x = rng_int(r, sum);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return 0;
}
