package nmc.emulator.program;

/**
 * The one noise setting of a core (hardware reference 1.6). Each enabled compartment gets
 * {@code (r + 64 * mantissaOffset) * 2^(exponent - 7)} with r uniform on [-127, 127]. The chip's generator is not
 * public, so the emulator draws r from {@link nmc.ir.build.Rng}: noise is statistically, not bit-, exact.
 */
public record NoiseConfig(int exponent, int mantissaOffset, Target target) {
  /** Noise into the dendritic accumulator (before u) or into u + bias (before v). */
  public enum Target { DENDRITE, MEMBRANE }

  public static final NoiseConfig NONE = new NoiseConfig(0, 0, Target.DENDRITE);
}
