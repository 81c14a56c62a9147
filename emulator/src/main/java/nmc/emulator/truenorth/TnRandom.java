package nmc.emulator.truenorth;

import nmc.ir.build.Rng;

/**
 * The pseudo-random numbers ρ of the stochastic modes. TrueNorth's generator (a seedable 348-gate circuit per core)
 * is not public (hardware reference 3.1, checklist 23), so this is ours, chosen to be reproducible for a seed and
 * independent of thread count and of the order in which events are processed: every draw is the project's
 * counter-based {@link Rng} at
 *
 * <pre>
 * bits = Rng.bits(seed, Rng.stream("truenorth/core" + core), (tick * neurons + neuron) * (axons + 2) + slot)
 * slot = the axon (0 .. axons-1) for a stochastic synapse event, axons for the leak, axons + 1 for the threshold
 * ρ    = bits >>> (64 - randomCompareBits)     (synapse and leak: V changes by ±1 when |s| ≥ ρ, |λ| ≥ ρ)
 * η    = (int) bits AND (2^maskBits - 1)         (threshold)
 * </pre>
 *
 * So a stochastic synapse or leak of magnitude m moves V with probability min(m + 1, 2^bits) / 2^bits, and η is
 * uniform on 0 .. 2^maskBits − 1. Statistically equivalent to a per-core generator; never bit-exact with a chip.
 */
public final class TnRandom {
  private TnRandom() {}

  public static long stream(int core) {
    return Rng.stream("truenorth/core" + core);
  }

  /** The 64 random bits for one draw. */
  public static long bits(long seed, long coreStream, long tick, int neuron, int slot, int neurons, int axons) {
    return Rng.bits(seed, coreStream, (tick * neurons + neuron) * (axons + 2) + slot);
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /**
   * The part of {@link Rng#bits} that depends only on seed and stream, so a core computes it once per run:
   * {@code bits(seed, stream, counter) == draw(key(seed, stream), counter)} (a test checks it).
   */
  public static long key(long seed, long coreStream) {
    return Rng.mix(seed * GOLDEN + coreStream);
  }

  /** {@link Rng#bits} for a precomputed {@link #key}. */
  public static long draw(long key, long counter) {
    return Rng.mix(key + counter * GOLDEN);
  }

  /** ρ for the stochastic synapse and leak comparisons. */
  public static int rho(long bits, int compareBits) {
    return (int) (bits >>> (64 - compareBits));
  }

  /** η for a mask of {@code maskBits} ones. */
  public static int eta(long bits, int maskBits) {
    return (int) bits & ((1 << maskBits) - 1);
  }
}
