/*
 * nmc_common.h: the helpers the cpu and cuda targets' runtimes share, word for word (the generator inlines this file
 * where a runtime says #include "nmc_common.h"). NMC_FN is each runtime's function prefix: "static inline" in C,
 * "static __device__ inline" in CUDA.
 */
/* nmc.ir.build.Rng, bit for bit: the splitmix64 finaliser over (seed, stream, counter); streams are FNV-1a hashes
 * of their names, computed by the host. */
NMC_FN uint64_t nmc_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

NMC_FN double nmc_uniform(uint64_t seed, uint64_t stream, uint64_t counter) {
  const uint64_t golden = 0x9E3779B97F4A7C15ULL;
  uint64_t bits = nmc_mix(nmc_mix(seed * golden + stream) + counter * golden);
  return (double) (bits >> 11) * 0x1.0p-53;
}

/* Java's Math.min and Math.max: NaN wins, and -0.0 is below +0.0 (fmin/fmax differ on both). */
NMC_FN double nmc_min(double a, double b) {
  if (a != a) return a;
  if (a == 0.0 && b == 0.0) return signbit(a) ? a : b;
  return a <= b ? a : b;
}

NMC_FN double nmc_max(double a, double b) {
  if (a != a) return a;
  if (a == 0.0 && b == 0.0) return signbit(a) ? b : a;
  return a >= b ? a : b;
}

/* The slice [lo, hi) of n elements that thread t of nt owns. Every array of the same length is cut the same way,
 * so a thread owns neuron i of a population and element i of every synapse frame over it; bounds are multiples
 * of 8 so that vector loops start aligned. The host cuts synapse tables with the same function. */
NMC_FN void nmc_part(int32_t n, int32_t nt, int32_t t, int32_t *lo, int32_t *hi) {
  *lo = (int32_t) (((int64_t) n * t / nt) & ~(int64_t) 7);
  *hi = t == nt - 1 ? n : (int32_t) (((int64_t) n * (t + 1) / nt) & ~(int64_t) 7);
}

/* A growable list of ints (spike rings with per-connection delays); each runtime has its own nmc_push. */
typedef struct {
  int32_t *v;
  int64_t n, cap;
} nmc_ivec;

#define NMC_BLOCK 256
#define NMC_MIN(a, b) ((a) < (b) ? (a) : (b))

/* Joins the spikes each thread found at the start of its slice of spk into one ascending list at the start of spk;
 * returns their number. Moves go downwards (total <= lo), so a forward copy is safe (and device code has no
 * memmove). */
NMC_FN int32_t nmc_merge(int32_t *spk, int32_t *cnt, int32_t n, int32_t nt) {
  int32_t total = 0;
  for (int32_t t = 0; t < nt; t++) {
    int32_t lo, hi;
    nmc_part(n, nt, t, &lo, &hi);
    if (cnt[t] > 0 && lo != total)
      for (int32_t i = 0; i < cnt[t]; i++) spk[total + i] = spk[lo + i];
    total += cnt[t];
    cnt[t] = 0;
  }
  return total;
}
