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
   * Runs {@code net} for {@code net.run().steps()} steps. {@code progress} is told about progress from time to
   * time (not every step).
   */
  SimResult run(Network net, Progress progress);

  /** Progress callback; {@link #NONE} ignores it. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = (done, total) -> {};

    void update(long stepsDone, long stepsTotal);
  }
}
