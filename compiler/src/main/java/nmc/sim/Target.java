package nmc.sim;

import nmc.ir.Network;

/**
 * A back end that runs a {@link Network}. Implementations register with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/nmc.sim.Target}); the CLI finds them by {@link #name()}. A target that cannot run
 * here (no GPU, no compiler) throws {@link nmc.diag.UserError} saying why.
 */
public interface Target {
  /** Short name used on the command line, e.g. {@code reference}. */
  String name();

  /** One line for {@code --help} and listings. */
  String description();

  /**
   * Runs {@code net} for {@code net.run().steps()} steps with target-specific options ({@code -O key=value},
   * {@code --threads}, {@code --chip} ...), refusing keys it does not know with {@link TargetOptions#rejectUnknown}.
   * {@code progress} is told about progress from time to time (not every step).
   */
  SimResult run(Network net, TargetOptions options, Progress progress);

  /** As {@link #run(Network, TargetOptions, Progress)} with no options. */
  default SimResult run(Network net, Progress progress) {
    return run(net, TargetOptions.NONE, progress);
  }

  /** What {@code nmc compile --target NAME --emit KIND} can produce here besides the IR (e.g. "c", "mapping"). */
  default java.util.List<String> emitKinds() {
    return java.util.List.of();
  }

  /**
   * The artifact {@code kind} (one of {@link #emitKinds()}) for {@code net} as text. {@code extraFiles} may be
   * null; when not, a target may put companion files in it (a PNG of a placement) by file name.
   */
  default String emit(Network net, String kind, TargetOptions options, java.util.Map<String, byte[]> extraFiles) {
    throw nmc.diag.UserError.of("target " + name() + " cannot emit '" + kind + "'",
        emitKinds().isEmpty() ? "it emits nothing but the IR (--emit ir)" : "it can emit: " + String.join(", ", emitKinds()));
  }

  /** Progress callback; {@link #NONE} ignores it. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = (done, total) -> {};

    void update(long stepsDone, long stepsTotal);
  }
}
