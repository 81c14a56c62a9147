package nmc.runtime.cli;

import java.util.Arrays;
import java.util.Locale;
import nmc.ann.convert.ConvertOptions;
import nmc.diag.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The conversion options shared by convert and evaluate; the choices are {@link ConvertOptions}' enums. */
final class ConversionOptions {
  /** Reads an enum value in any case; an error names the choices in lower case, as the command line writes them. */
  abstract static class Words<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    Words(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(value)) return e;
      throw new CommandLine.TypeConversionException("expected one of "
          + Arrays.stream(type.getEnumConstants()).map(ConversionOptions::word).toList() + " (case-insensitive) but was '" + value + "'");
    }
  }

  static final class NormWords extends Words<ConvertOptions.Norm> {
    NormWords() {
      super(ConvertOptions.Norm.class);
    }
  }

  static final class InputWords extends Words<ConvertOptions.Input> {
    InputWords() {
      super(ConvertOptions.Input.class);
    }
  }

  static final class ReadoutWords extends Words<ConvertOptions.Readout> {
    ReadoutWords() {
      super(ConvertOptions.Readout.class);
    }
  }

  static final class ResetWords extends Words<ConvertOptions.Reset> {
    ResetWords() {
      super(ConvertOptions.Reset.class);
    }
  }

  @Option(names = "--method", paramLabel = "percentile|max", defaultValue = "percentile", converter = NormWords.class,
      description = "Weight and threshold normalisation: a percentile of each layer's positive activations on training data "
          + "(default, see --percentile) or their maximum.")
  ConvertOptions.Norm method;

  @Option(names = "--percentile", paramLabel = "P", defaultValue = "99.9", description = "The percentile of --method percentile (default: ${DEFAULT-VALUE}).")
  double percentile;

  @Option(names = "--input", paramLabel = "current|poisson", defaultValue = "current", converter = InputWords.class,
      description = "How an example enters: as a constant current W·x into the first layer (default), or as Poisson spike trains "
          + "with one spike per step at most (probability x per step).")
  ConvertOptions.Input input;

  @Option(names = "--readout", paramLabel = "spikes|potential", defaultValue = "spikes", converter = ReadoutWords.class,
      description = "The class: the output neuron with most spikes (default; ties to the higher potential), or the highest potential.")
  ConvertOptions.Readout readout;

  @Option(names = "--v-init", paramLabel = "F", defaultValue = "0.5",
      description = "Initial membrane potential as a fraction of the threshold (default: ${DEFAULT-VALUE}).")
  double vInit;

  @Option(names = "--norm-examples", paramLabel = "N", defaultValue = "10000",
      description = "Training examples the normalisation looks at (default: ${DEFAULT-VALUE}).")
  int normExamples;

  @Option(names = "--reset", paramLabel = "subtract|zero", converter = ResetWords.class,
      description = "What a spike does to the potential: subtract the threshold (default; keeps the charge above it) or set it to "
          + "zero, as chips do (the IF neuron; 'evaluate --target loihi' uses zero for the chip on its own).")
  ConvertOptions.Reset reset;

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
    return new ConvertOptions(timesteps, method, percentile, input, readout, vInit, normExamples, 1e-3, seed, reset(),
        poolHeadroom == null ? 1 : poolHeadroom);
  }

  private ConvertOptions.Reset reset() {
    return reset != null ? reset : ConvertOptions.Reset.SUBTRACT;
  }

  /** Whether --reset was given. */
  boolean resetGiven() {
    return reset != null;
  }

  /** The options, without the reset. */
  String describeBase() {
    return (method == ConvertOptions.Norm.MAX ? "max" : "percentile " + percentile) + " normalisation, " + word(input) + " input, "
        + word(readout) + " readout, v starts at " + vInit + " x threshold";
  }

  /** An enum value as the command line writes it. */
  private static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  static String poolText(double h) {
    return h == 1 ? "" : ", pools at 1/" + (h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h)) + " rate";
  }

  String describe() {
    return describeBase() + ", " + resetText(reset()) + poolText(poolHeadroom == null ? 1 : poolHeadroom);
  }

  static String resetText(ConvertOptions.Reset r) {
    return r == ConvertOptions.Reset.ZERO ? "reset to zero" : "reset by subtraction";
  }
}
