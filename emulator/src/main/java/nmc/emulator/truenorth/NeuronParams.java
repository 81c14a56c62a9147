package nmc.emulator.truenorth;

import java.util.Arrays;

/**
 * The configuration of one TrueNorth neuron (hardware reference 3.2), all plain integers as the chip holds them.
 * Ranges are checked against the chip by {@link TnChipProgram.Builder#build()}, which reports every problem at once.
 *
 * @param weights s^G: the signed weight for each axon type G (9 bits on TrueNorth)
 * @param stochasticSynapse b^G as a bit mask: bit G set means axons of type G integrate stochastically
 *     (V += sgn(s) when |s| ≥ ρ)
 * @param leak λ (signed)
 * @param stochasticLeak c: V += Ω·sgn(λ) when |λ| ≥ ρ instead of V += Ω·λ
 * @param leakReversal ε: Ω = sgn(V) (leak toward or away from zero) instead of Ω = 1
 * @param threshold α (unsigned): spike when V ≥ α + η
 * @param negativeThreshold β (unsigned): the negative side acts when V < −β (κ = 1) or V < −(β + η) (κ = 0)
 * @param thresholdMaskBits the mask M = 2^bits − 1 of the random threshold term η = ρ AND M (0: deterministic)
 * @param saturateNegative κ: below the negative threshold V saturates to −β (true) or resets by γ (false)
 * @param reset γ
 * @param resetValue R (signed)
 * @param initialPotential V at tick 0
 */
public record NeuronParams(int[] weights, int stochasticSynapse, int leak, boolean stochasticLeak, boolean leakReversal,
    int threshold, int negativeThreshold, int thresholdMaskBits, boolean saturateNegative, ResetMode reset,
    int resetValue, int initialPotential) {

  public NeuronParams {
    weights = weights.clone();
    if (reset == null) throw new IllegalArgumentException("reset mode must not be null");
  }

  @Override
  public int[] weights() {
    return weights.clone();
  }

  /**
   * A neuron that integrates deterministically with these per-type weights, spikes at {@code V ≥ threshold}, resets
   * to 0, has no leak, and saturates at 0 on the negative side (β = 0, κ = 1): V never goes below 0.
   */
  public static NeuronParams integrator(int threshold, int... weights) {
    return new NeuronParams(weights, 0, 0, false, false, threshold, 0, 0, true, ResetMode.NORMAL, 0, 0);
  }

  /** A neuron that never spikes: all weights 0, no leak, the largest threshold of an 18-bit α. */
  public static NeuronParams quiet(int axonTypes) {
    return new NeuronParams(new int[axonTypes], 0, 0, false, false, (1 << 18) - 1, 0, 0, true, ResetMode.NORMAL, 0, 0);
  }

  public NeuronParams withWeights(int... w) {
    return new NeuronParams(w, stochasticSynapse, leak, stochasticLeak, leakReversal, threshold, negativeThreshold, thresholdMaskBits, saturateNegative, reset, resetValue, initialPotential);
  }

  public NeuronParams withStochasticSynapse(int typeMask) {
    return new NeuronParams(weights, typeMask, leak, stochasticLeak, leakReversal, threshold, negativeThreshold, thresholdMaskBits, saturateNegative, reset, resetValue, initialPotential);
  }

  public NeuronParams withLeak(int lambda, boolean stochastic, boolean reversal) {
    return new NeuronParams(weights, stochasticSynapse, lambda, stochastic, reversal, threshold, negativeThreshold, thresholdMaskBits, saturateNegative, reset, resetValue, initialPotential);
  }

  public NeuronParams withThreshold(int alpha, int maskBits) {
    return new NeuronParams(weights, stochasticSynapse, leak, stochasticLeak, leakReversal, alpha, negativeThreshold, maskBits, saturateNegative, reset, resetValue, initialPotential);
  }

  public NeuronParams withNegativeThreshold(int beta, boolean saturate) {
    return new NeuronParams(weights, stochasticSynapse, leak, stochasticLeak, leakReversal, threshold, beta, thresholdMaskBits, saturate, reset, resetValue, initialPotential);
  }

  public NeuronParams withReset(ResetMode gamma, int r) {
    return new NeuronParams(weights, stochasticSynapse, leak, stochasticLeak, leakReversal, threshold, negativeThreshold, thresholdMaskBits, saturateNegative, gamma, r, initialPotential);
  }

  public NeuronParams withInitialPotential(int v0) {
    return new NeuronParams(weights, stochasticSynapse, leak, stochasticLeak, leakReversal, threshold, negativeThreshold, thresholdMaskBits, saturateNegative, reset, resetValue, v0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NeuronParams p && Arrays.equals(weights, p.weights) && stochasticSynapse == p.stochasticSynapse
        && leak == p.leak && stochasticLeak == p.stochasticLeak && leakReversal == p.leakReversal && threshold == p.threshold
        && negativeThreshold == p.negativeThreshold && thresholdMaskBits == p.thresholdMaskBits
        && saturateNegative == p.saturateNegative && reset == p.reset && resetValue == p.resetValue
        && initialPotential == p.initialPotential;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + java.util.Objects.hash(stochasticSynapse, leak, stochasticLeak, leakReversal,
        threshold, negativeThreshold, thresholdMaskBits, saturateNegative, reset, resetValue, initialPotential);
  }

  @Override
  public String toString() {
    return "NeuronParams[weights=" + Arrays.toString(weights) + ", b=" + Integer.toBinaryString(stochasticSynapse)
        + ", λ=" + leak + (stochasticLeak ? " stochastic" : "") + (leakReversal ? " reversal" : "") + ", α=" + threshold
        + ", β=" + negativeThreshold + ", mask bits=" + thresholdMaskBits + ", κ=" + (saturateNegative ? 1 : 0)
        + ", γ=" + reset.ordinal() + ", R=" + resetValue + ", V0=" + initialPotential + "]";
  }
}
