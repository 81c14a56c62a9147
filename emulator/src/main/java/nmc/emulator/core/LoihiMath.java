package nmc.emulator.core;

/** The integer primitives of the Loihi compartment (hardware reference 1.3 and checklist 1, 7, 8). */
public final class LoihiMath {
  private LoihiMath() {}

  /**
   * {@code sign(x) * ((|x| * factor) >> bits)}: the decay multiplies the magnitude, so it rounds toward zero
   * (a floor shift on two's complement would round negative values away from zero). {@code factor} is
   * {@code 2^bits - k} for decay constant k.
   */
  public static long decay(long x, int factor, int bits) {
    return x >= 0 ? (x * factor) >> bits : -((-x * factor) >> bits);
  }

  /** Two's-complement wrap of {@code x} into [-2^bits, 2^bits - 1] (bits plus sign). */
  public static int wrap(long x, int bits) {
    long r = 1L << bits;
    return (int) (((x + r) & (2 * r - 1)) - r);
  }

  /** {@code x * 2^s}: a left shift, or for negative s an arithmetic right shift (floor). */
  public static long shift(long x, int s) {
    return s >= 0 ? x << s : x >> -s;
  }

  /** vmin = -2^k + 1. */
  public static long vmin(int k) {
    return -(1L << k) + 1;
  }

  /** vmax = 2^(base + 2m) - 1. */
  public static long vmax(int base, int m) {
    return (1L << (base + 2 * m)) - 1;
  }
}
