/* nmc_runtime.h: helpers shared by every generated network. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sched.h>
#include <stdatomic.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* nmc.ir.build.Rng, bit for bit: the splitmix64 finaliser over (seed, stream, counter); streams are FNV-1a hashes
 * of their names, computed by the host. */
static inline uint64_t nmc_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static inline double nmc_uniform(uint64_t seed, uint64_t stream, uint64_t counter) {
  const uint64_t golden = 0x9E3779B97F4A7C15ULL;
  uint64_t bits = nmc_mix(nmc_mix(seed * golden + stream) + counter * golden);
  return (double) (bits >> 11) * 0x1.0p-53;
}

/* Java's Math.min and Math.max: NaN wins, and -0.0 is below +0.0 (fmin/fmax differ on both). */
static inline double nmc_min(double a, double b) {
  if (a != a) return a;
  if (a == 0.0 && b == 0.0) return signbit(a) ? a : b;
  return a <= b ? a : b;
}

static inline double nmc_max(double a, double b) {
  if (a != a) return a;
  if (a == 0.0 && b == 0.0) return signbit(a) ? b : a;
  return a >= b ? a : b;
}

/* The slice [lo, hi) of n elements that thread t of nt owns. Every array of the same length is cut the same way,
 * so a thread owns neuron i of a population and element i of every synapse frame over it; bounds are multiples
 * of 8 so that vector loops start aligned. The host cuts synapse tables with the same function. */
static inline void nmc_part(int32_t n, int32_t nt, int32_t t, int32_t *lo, int32_t *hi) {
  *lo = (int32_t) (((int64_t) n * t / nt) & ~(int64_t) 7);
  *hi = t == nt - 1 ? n : (int32_t) (((int64_t) n * (t + 1) / nt) & ~(int64_t) 7);
}

/* A growable list of ints (spike rings with per-connection delays). */
typedef struct {
  int32_t *v;
  int64_t n, cap;
} nmc_ivec;

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

#define NMC_BLOCK 256
#define NMC_MIN(a, b) ((a) < (b) ? (a) : (b))

/* Joins the spikes each thread found at the start of its slice of spk into one ascending list at the start of spk;
 * returns their number. */
static inline int32_t nmc_merge(int32_t *spk, int32_t *cnt, int32_t n, int32_t nt) {
  int32_t total = 0;
  for (int32_t t = 0; t < nt; t++) {
    int32_t lo, hi;
    nmc_part(n, nt, t, &lo, &hi);
    if (cnt[t] > 0 && lo != total) memmove(spk + total, spk + lo, (size_t) cnt[t] * sizeof(int32_t));
    total += cnt[t];
    cnt[t] = 0;
  }
  return total;
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
