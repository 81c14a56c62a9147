package nmc.ann.convert;

/**
 * How to turn a trained ReLU network into a spiking one (docs/ann.md).
 *
 * @param timesteps simulation steps per inference (the run lasts timesteps x dt)
 * @param norm how each layer's activation scale is measured on training data
 * @param percentile the percentile for {@link Norm#PERCENTILE} (99.9 by default)
 * @param input how an example enters the network
 * @param readout how the class is read from the output layer
 * @param vInit the membrane potential at t = 0, as a fraction of the threshold (0.5 turns the rate code's
 *     rounding down into rounding to nearest)
 * @param normExamples how many training examples the normalisation looks at
 * @param dt the time step (seconds); one step is one unit of integration
 * @param seed the run's seed (Poisson input draws)
 * @param reset what a spike does to the potential: subtract the threshold (the default; keeps the residual charge)
 *     or set it to zero (what chips such as Loihi do)
 * @param poolHeadroom pooling populations (average and max) fire at 1/poolHeadroom of the rate they stand for, and
 *     the layer after them takes poolHeadroom times the weights: 1 (the default) is exact; 2 halves the most a pool
 *     neuron can receive in one step (all four inputs of a 2x2 window at 1/4 each, one threshold) for chips whose
 *     dendritic accumulator has no room for that (docs/ann.md), at the price of coarser pool rates
 */
public record ConvertOptions(int timesteps, Norm norm, double percentile, Input input, Readout readout, double vInit,
    int normExamples, double dt, long seed, Reset reset, double poolHeadroom) {

  public static final ConvertOptions DEFAULT = new ConvertOptions(64, Norm.PERCENTILE, 99.9, Input.CURRENT, Readout.SPIKES, 0.5,
      10_000, 1e-3, 1, Reset.SUBTRACT, 1);

  /** Reset by subtraction and pools at their input's rate, as before these became options. */
  public ConvertOptions(int timesteps, Norm norm, double percentile, Input input, Readout readout, double vInit, int normExamples,
      double dt, long seed) {
    this(timesteps, norm, percentile, input, readout, vInit, normExamples, dt, seed, Reset.SUBTRACT, 1);
  }

  public ConvertOptions {
    if (!(poolHeadroom >= 1)) throw new IllegalArgumentException("poolHeadroom must be >= 1, not " + poolHeadroom);
  }

  public enum Reset {
    /** v -= V_th on a spike ({@code IFSubtract}): the charge above threshold carries over, the rate code is exact up to rounding. */
    SUBTRACT,
    /**
     * v = 0 on a spike (the standard library's {@code IF} with no refractory period), the neuron chips run; the
     * charge above threshold is lost, so a neuron driven by z per step fires at 1/ceil(1/z) instead of z.
     */
    ZERO
  }

  public enum Norm {
    /** The largest activation. */
    MAX,
    /** A high percentile of the positive activations (robust to outliers; Rueckauer et al. 2017). */
    PERCENTILE
  }

  public enum Input {
    /** The first layer receives its analog input W·x as a constant current (no input spikes). */
    CURRENT,
    /** One Poisson source per input value, spiking with probability x per step. */
    POISSON
  }

  public enum Readout {
    /** The output neuron with the most spikes; ties go to the higher membrane potential. */
    SPIKES,
    /** The output neuron with the highest membrane potential (output neurons never spike). */
    POTENTIAL
  }

  public ConvertOptions withTimesteps(int t) {
    return new ConvertOptions(t, norm, percentile, input, readout, vInit, normExamples, dt, seed, reset, poolHeadroom);
  }

  public ConvertOptions withReset(Reset r) {
    return new ConvertOptions(timesteps, norm, percentile, input, readout, vInit, normExamples, dt, seed, r, poolHeadroom);
  }

  /** Changes the weights: plan again ({@link Converter#plan}) with these options. */
  public ConvertOptions withPoolHeadroom(double h) {
    return new ConvertOptions(timesteps, norm, percentile, input, readout, vInit, normExamples, dt, seed, reset, h);
  }
}
