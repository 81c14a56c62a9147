package nmc.runtime.cli;

import nmc.ann.convert.ConvertOptions;
import nmc.diag.UserError;
import picocli.CommandLine.Option;

/** The conversion options shared by convert and evaluate. */
final class ConversionOptions {
  enum Method { percentile, max }

  enum InputCode { current, poisson }

  enum ReadoutKind { spikes, potential }

  enum ResetKind { subtract, zero }

  @Option(names = "--method", paramLabel = "percentile|max", defaultValue = "percentile",
      description = "Weight and threshold normalisation: a percentile of each layer's positive activations on training data "
          + "(default, see --percentile) or their maximum.")
  Method method;

  @Option(names = "--percentile", paramLabel = "P", defaultValue = "99.9", description = "The percentile of --method percentile (default: ${DEFAULT-VALUE}).")
  double percentile;

  @Option(names = "--input", paramLabel = "current|poisson", defaultValue = "current",
      description = "How an example enters: as a constant current W·x into the first layer (default), or as Poisson spike trains "
          + "with one spike per step at most (probability x per step).")
  InputCode input;

  @Option(names = "--readout", paramLabel = "spikes|potential", defaultValue = "spikes",
      description = "The class: the output neuron with most spikes (default; ties to the higher potential), or the highest potential.")
  ReadoutKind readout;

  @Option(names = "--v-init", paramLabel = "F", defaultValue = "0.5",
      description = "Initial membrane potential as a fraction of the threshold (default: ${DEFAULT-VALUE}).")
  double vInit;

  @Option(names = "--norm-examples", paramLabel = "N", defaultValue = "10000",
      description = "Training examples the normalisation looks at (default: ${DEFAULT-VALUE}).")
  int normExamples;

  @Option(names = "--reset", paramLabel = "subtract|zero",
      description = "What a spike does to the potential: subtract the threshold (default; keeps the charge above it) or set it to "
          + "zero, as chips do (the IF neuron; 'evaluate --target loihi' uses zero for the chip on its own).")
  ResetKind reset;

  @Option(names = "--pool-headroom", paramLabel = "H",
      description = "Pooling layers fire at 1/H of the rate they stand for (the next layer's weights grow by H): 1 is exact; "
          + "'evaluate --target loihi' uses 2 for the chip, whose dendritic accumulator cannot hold a whole pool window "
          + "arriving in one step (docs/ann.md).")
  Double poolHeadroom;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the spiking run (Poisson input).")
  long seed;

  ConvertOptions options(int timesteps) {
    if (timesteps < 1) throw UserError.of("--timesteps must be at least 1, not " + timesteps, "e.g. --timesteps 64");
    if (!(percentile > 0 && percentile <= 100)) throw UserError.of("--percentile must be in (0, 100], not " + percentile, "e.g. 99.9");
    if (normExamples < 1) throw UserError.of("--norm-examples must be at least 1", "");
    if (!(vInit >= 0 && vInit < 1)) throw UserError.of("--v-init must be in [0, 1), not " + vInit, "e.g. 0.5");
    if (poolHeadroom != null && !(poolHeadroom >= 1 && poolHeadroom <= 64)) {
      throw UserError.of("--pool-headroom must be in [1, 64], not " + poolHeadroom, "e.g. 2");
    }
    return new ConvertOptions(timesteps, method == Method.max ? ConvertOptions.Norm.MAX : ConvertOptions.Norm.PERCENTILE, percentile,
        input == InputCode.poisson ? ConvertOptions.Input.POISSON : ConvertOptions.Input.CURRENT,
        readout == ReadoutKind.potential ? ConvertOptions.Readout.POTENTIAL : ConvertOptions.Readout.SPIKES, vInit, normExamples, 1e-3, seed,
        reset == ResetKind.zero ? ConvertOptions.Reset.ZERO : ConvertOptions.Reset.SUBTRACT, poolHeadroom == null ? 1 : poolHeadroom);
  }


  /** Whether --reset was given. */
  boolean resetGiven() {
    return reset != null;
  }

  /** The options, without the reset. */
  String describeBase() {
    return (method == Method.max ? "max" : "percentile " + percentile) + " normalisation, " + input + " input, " + readout
        + " readout, v starts at " + vInit + " x threshold";
  }

  static String poolText(double h) {
    return h == 1 ? "" : ", pools at 1/" + (h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h)) + " rate";
  }

  String describe() {
    return describeBase() + ", " + resetText(reset == ResetKind.zero ? ConvertOptions.Reset.ZERO : ConvertOptions.Reset.SUBTRACT)
        + poolText(poolHeadroom == null ? 1 : poolHeadroom);
  }

  static String resetText(ConvertOptions.Reset r) {
    return r == ConvertOptions.Reset.ZERO ? "reset to zero" : "reset by subtraction";
  }
}
