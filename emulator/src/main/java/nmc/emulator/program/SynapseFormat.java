package nmc.emulator.program;

/**
 * A synapse format of a core (the table is small); every input axon names one.
 *
 * <p>A stored weight {@code w} has {@code weightBits} bits. The chip aligns it to the 8-bit mantissa by shifting
 * it left by {@code s = 8 - weightBits + (sign == MIXED ? 1 : 0)} (the sign of a mixed format takes one bit), then
 * applies the exponent and the 2^6 scaling; see {@link nmc.emulator.chip.WeightExponentMode}.
 *
 * @param weightBits stored precision, one of the chip's {@code numberFormats.weightBits}
 * @param sign MIXED: w in [-2^(b-1), 2^(b-1)-1]; EXCITATORY: [0, 2^b-1]; INHIBITORY: [-(2^b-1), 0]
 * @param weightExponent -7..7
 * @param delayBits bits of the per-synapse delay (delays 0 .. 2^delayBits - 1)
 * @param compression SPARSE stores a compartment index per synapse; DENSE stores none, so an axon's synapses must
 *     target consecutive compartments in order
 */
public record SynapseFormat(int weightBits, Sign sign, int weightExponent, int delayBits, Compression compression) {
  public enum Sign { MIXED, EXCITATORY, INHIBITORY }

  public enum Compression { SPARSE, DENSE }

  /** Low bits dropped from the 8-bit mantissa: {@code mantissaBits - weightBits + (mixed ? 1 : 0)}. */
  public int droppedBits(int mantissaBits) {
    return mantissaBits - weightBits + (sign == Sign.MIXED ? 1 : 0);
  }

  public int minWeight() {
    return switch (sign) {
      case MIXED -> -(1 << (weightBits - 1));
      case EXCITATORY -> 0;
      case INHIBITORY -> -((1 << weightBits) - 1);
    };
  }

  public int maxWeight() {
    return switch (sign) {
      case MIXED -> (1 << (weightBits - 1)) - 1;
      case EXCITATORY -> (1 << weightBits) - 1;
      case INHIBITORY -> 0;
    };
  }
}
