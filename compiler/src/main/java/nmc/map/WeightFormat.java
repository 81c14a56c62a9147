package nmc.map;

/**
 * How a projection's weights are stored on the chip: {@code bits} stored bits, a sign class, the weight exponent and
 * the delay bits. The effective weight added to the accumulator is {@code stored * 2^(weightShift + dropped + exponent)}
 * with {@code dropped = mantissaBits - bits + (sign == MIXED ? 1 : 0)} (the chip aligns stored weights to its mantissa).
 */
public record WeightFormat(int bits, Sign sign, int exponent, int delayBits) {
  public enum Sign { MIXED, EXCITATORY, INHIBITORY }

  public int dropped(int mantissaBits) {
    return mantissaBits - bits + (sign == Sign.MIXED ? 1 : 0);
  }

  public int minStored() {
    return switch (sign) {
      case MIXED -> -(1 << (bits - 1));
      case EXCITATORY -> 0;
      case INHIBITORY -> -((1 << bits) - 1);
    };
  }

  public int maxStored() {
    return switch (sign) {
      case MIXED -> (1 << (bits - 1)) - 1;
      case EXCITATORY -> (1 << bits) - 1;
      case INHIBITORY -> 0;
    };
  }

  /** Bits of one synapse in memory besides its index: weight and delay. */
  public int synapseBits() {
    return bits + delayBits;
  }

  @Override
  public String toString() {
    return bits + "-bit " + sign.name().toLowerCase() + ", exponent " + exponent + ", " + delayBits + " delay bits";
  }
}
