package nmc.runtime.cli;

import nmc.ir.Network;
import nmc.ir.RunSettings;
import nmc.ir.Quantity;
import picocli.CommandLine.Option;

/** The options that override a network's {@code run { ... }} block. */
final class RunOverrides {
  @Option(names = "--duration", paramLabel = "T",
      description = "Simulated time, with a unit: 500ms, \"1 s\", 2.5s. Default: the network's run block.")
  String duration;

  @Option(names = "--dt", paramLabel = "DT",
      description = "Time step, with a unit: 0.1ms, \"50 us\". Default: the network's run block.")
  String dt;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of every random draw (initial values, wiring, Poisson inputs). Default: the network's run block.")
  Long seed;

  /** The network with the overrides applied; bad quantities are user errors. */
  Network apply(Network net) {
    RunSettings r = net.run();
    if (duration != null) r = r.withDuration(Quantity.duration(duration, "--duration"));
    if (dt != null) r = r.withDt(Quantity.timeStep(dt, "--dt"));
    if (seed != null) r = r.withSeed(seed);
    return r.equals(net.run()) ? net : net.withRun(r);
  }

  /** Checks the options before any work is done, so a typo fails fast. */
  void validate() {
    if (duration != null) Quantity.duration(duration, "--duration");
    if (dt != null) Quantity.timeStep(dt, "--dt");
  }
}
