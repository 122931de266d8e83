/*
 * A small random stream (splitmix64): the same numbers on every platform and
 * compiler, so a seed gives the same demo everywhere.
 */
#ifndef DD_RNG_H
#define DD_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t s;
};

uint64_t rng_next(struct rng *r);
/* Stream number `stream` of a seed: each can be drawn again on its own. */
void rng_stream(struct rng *r, unsigned long seed, long stream);
/* 0 .. n-1 (0 when n <= 1). */
long rng_int(struct rng *r, long n);
/* lo .. hi (lo when hi <= lo). */
long rng_range(struct rng *r, long lo, long hi);
/* True percent times in a hundred. */
int rng_chance(struct rng *r, int percent);
/* An index into w[n], each as likely as its weight. */
size_t rng_weighted(struct rng *r, const int *w, size_t n);

/* One element of a fixed array. */
#define RNG_PICK(r, a) ((a)[rng_int((r), (long)(sizeof(a) / sizeof((a)[0])))])

#endif
