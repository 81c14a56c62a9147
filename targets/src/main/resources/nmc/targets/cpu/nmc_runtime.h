/* nmc_runtime.h: helpers shared by every generated network. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sched.h>
#include <stdatomic.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define NMC_FN static inline
#include "nmc_common.h"

/* Appends to a growable list (nmc_common.h's nmc_ivec). */
static inline int nmc_push(nmc_ivec *q, int32_t x) {
  if (q->n == q->cap) {
    int64_t cap = q->cap < 64 ? 64 : q->cap * 2;
    int32_t *v = (int32_t *) realloc(q->v, (size_t) cap * sizeof(int32_t));
    if (v == NULL) return -1;
    q->v = v;
    q->cap = cap;
  }
  q->v[q->n++] = x;
  return 0;
}

/* A barrier for the threads of one step loop. It spins briefly, then yields the processor: when there are more
 * runnable threads than cores (a shared machine), a waiting thread must not burn the time slice the thread it
 * waits for needs (OpenMP's barriers spin far longer). Sense-reversing; every write before it is seen after it. */
typedef struct {
  _Alignas(64) _Atomic int32_t count;
  _Alignas(64) _Atomic int32_t sense;
  int32_t n;
} nmc_barrier;

static inline void nmc_barrier_init(nmc_barrier *b, int32_t n) {
  atomic_store_explicit(&b->count, 0, memory_order_relaxed);
  atomic_store_explicit(&b->sense, 0, memory_order_relaxed);
  b->n = n;
}

static inline void nmc_wait(nmc_barrier *b, int32_t *local_sense) {
  const int32_t s = !*local_sense;
  *local_sense = s;
  if (b->n == 1) return;
  if (atomic_fetch_add_explicit(&b->count, 1, memory_order_acq_rel) == b->n - 1) {
    atomic_store_explicit(&b->count, 0, memory_order_relaxed);
    atomic_store_explicit(&b->sense, s, memory_order_release);
    return;
  }
  for (int spins = 0; atomic_load_explicit(&b->sense, memory_order_acquire) != s; spins++) {
    if (spins < 4000) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    } else {
      sched_yield();
    }
  }
}
