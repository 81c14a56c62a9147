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
 */
public record ConvertOptions(int timesteps, Norm norm, double percentile, Input input, Readout readout, double vInit,
    int normExamples, double dt, long seed) {

  public static final ConvertOptions DEFAULT = new ConvertOptions(64, Norm.PERCENTILE, 99.9, Input.CURRENT, Readout.SPIKES, 0.5,
      10_000, 1e-3, 1);

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
    return new ConvertOptions(t, norm, percentile, input, readout, vInit, normExamples, dt, seed);
  }
}
