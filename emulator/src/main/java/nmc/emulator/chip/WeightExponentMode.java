package nmc.emulator.chip;

/**
 * Where the synapse format's weight exponent is applied; the sources disagree for negative exponents
 * (hardware reference 1.2, checklist 11).
 */
public enum WeightExponentMode {
  /**
   * Each weight is shifted before accumulation: {@code W = shift(w, s + wgtExp) << 6}, with {@code s} the bits
   * dropped by the format (nengo-loihi's "two-part shift", which it says happens on the chip). The default.
   */
  PER_SYNAPSE("per_synapse"),
  /**
   * The raw 8-bit-aligned weights {@code w << s} are summed and the sum is shifted: {@code shift(sum, wgtExp) << 6}
   * (Lava's bit-accurate Dense). Needs one weight exponent per core.
   */
  ON_SUM("on_sum");

  private final String key;

  WeightExponentMode(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static WeightExponentMode byKey(String key) {
    for (WeightExponentMode m : values()) if (m.key.equals(key)) return m;
    return null;
  }
}
