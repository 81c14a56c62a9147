/*
 * nmc_runtime_cuda.h: the cpu target's nmc_runtime.h for CUDA. The generated phase functions are the cpu target's
 * (device functions here); what differs is below: the barrier is a grid sync of one cooperative launch, scratch
 * memory comes from the device heap, and there is no OpenMP.
 *
 * Compile with --fmad=false: the operations and their order are those of the reference target, and a fused
 * multiply-add would round differently.
 */
#include <stdint.h>
#include <cooperative_groups.h>

#define restrict __restrict__
/* the helpers below are shared by every network; not every network uses each one */
#pragma nv_diag_suppress 177
/* count trailing zeros of a non-zero word (the cpu code's GCC builtin) */
#define __builtin_ctzll(x) (__ffsll((long long) (x)) - 1)

typedef double (*nmc_fn1)(double);
typedef double (*nmc_fn2)(double, double);

#define NMC_FN static __device__ inline
#include "nmc_common.h"

/* Zeroed scratch from the device heap (the host sizes it with cudaLimitMallocHeapSize before nmc_create). */
static __device__ inline void *nmc_calloc(size_t n, size_t size) {
  void *p = malloc(n * size);
  if (p != NULL) memset(p, 0, n * size);
  return p;
}
#define calloc nmc_calloc

/* Appends to a growable list (nmc_common.h's nmc_ivec); the device heap has no realloc. */
static __device__ inline int nmc_push(nmc_ivec *q, int32_t x) {
  if (q->n == q->cap) {
    int64_t cap = q->cap < 64 ? 64 : q->cap * 2;
    int32_t *v = (int32_t *) malloc((size_t) cap * sizeof(int32_t));
    if (v == NULL) return -1;
    if (q->n > 0) memcpy(v, q->v, (size_t) q->n * sizeof(int32_t));
    free(q->v);
    q->v = v;
    q->cap = cap;
  }
  q->v[q->n++] = x;
  return 0;
}

/* Adds to a 64-bit counter from many threads (integer adds: the sum does not depend on their order). */
static __device__ inline void nmc_add64(int64_t *p, int64_t v) {
  atomicAdd((unsigned long long *) p, (unsigned long long) v);
}

/* The barrier between phases: a sync of the whole cooperative grid (every write before it is seen after it). */
typedef struct {
  int32_t unused;
} nmc_barrier;

static __device__ inline void nmc_wait(nmc_barrier *b, int32_t *local_sense) {
  (void) b;
  (void) local_sense;
  cooperative_groups::this_grid().sync();
}
