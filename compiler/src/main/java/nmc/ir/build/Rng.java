package nmc.ir.build;

import java.nio.charset.StandardCharsets;

/**
 * Counter-based random numbers: every draw is a pure function of (seed, stream, counter), so every target (Java,
 * C, CUDA, the chip emulators) draws the same numbers in any order and in parallel. The mixer is the splitmix64
 * finaliser; streams are named (a 64-bit FNV-1a hash of a string such as {@code "wiring/exc_exc"}) so adding a
 * population does not change the draws of another.
 */
public final class Rng {
  private Rng() {}

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64 random bits for (seed, stream, counter). */
  public static long bits(long seed, long stream, long counter) {
    return mix(mix(seed * GOLDEN + stream) + counter * GOLDEN);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  public static double uniform(long seed, long stream, long counter) {
    return (bits(seed, stream, counter) >>> 11) * 0x1.0p-53;
  }

  /** Standard normal by Box-Muller from counters 2k and 2k+1. */
  public static double normal(long seed, long stream, long counter) {
    double u1 = 1.0 - uniform(seed, stream, 2 * counter);
    double u2 = uniform(seed, stream, 2 * counter + 1);
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Uniform integer on [0, n) (n > 0), by multiply-high of 64 random bits; bias below 2^-32 for n < 2^32. */
  public static int below(long seed, long stream, long counter, int n) {
    return (int) Math.multiplyHigh(bits(seed, stream, counter) >>> 1, (long) n << 1);
  }

  /** The stream id of a name. */
  public static long stream(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
