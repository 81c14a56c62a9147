/*
 * nmc_kernel.h: the interface of every network kernel the cpu target generates (the same for every network).
 *
 * The host (Java, through java.lang.foreign) allocates every array the simulation shares with it (state,
 * parameters, synapse tables, probe buffers, counters) and passes their addresses in the order of the layout
 * the generator wrote into the source; the kernel keeps only scratch memory of its own (spike rings, spike lists).
 */
#ifndef NMC_KERNEL_H
#define NMC_KERNEL_H
#include <stdint.h>

#define NMC_KERNEL_ABI 1

/* Host-supplied math: the functions the reference target uses (Java's Math), so that float64 runs are bit-identical.
 * A NULL entry means the C library's function. Order: exp log log10 sin cos tan tanh sinh cosh atan expm1 pow. */
#define NMC_MATH_COUNT 12
typedef double (*nmc_fn1)(double);
typedef double (*nmc_fn2)(double, double);

/* The ABI version the source was generated for (NMC_KERNEL_ABI). */
int32_t nmc_abi(void);

/* Number of buffers nmc_create expects. */
int32_t nmc_buffer_count(void);

/* A new simulation over the host's buffers; threads >= 1; math has NMC_MATH_COUNT entries (pow last).
 * Returns NULL when memory is short. */
void *nmc_create(void *const *buffers, int32_t count, int32_t threads, uint64_t seed, void *const *math);

/* Runs steps [from, to). Returns the step reached: `to`, or less when a spike record buffer must be drained
 * first; a negative value on failure (-1: out of memory). */
int64_t nmc_run(void *sim, int64_t from, int64_t to);

/* Frees the kernel's own memory (not the host's buffers). */
void nmc_destroy(void *sim);

#endif
