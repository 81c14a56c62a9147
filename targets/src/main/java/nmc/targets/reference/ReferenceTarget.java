package nmc.targets.reference;

import java.util.List;
import nmc.ir.Network;
import nmc.ir.build.Footprint;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * The reference simulator: float64, clock-driven, deterministic for a seed; the ground truth every other target is
 * compared with. It follows the step semantics of common.md exactly; see {@link Simulation} for the loop and
 * {@link OdeSystem} for the integration methods. Refuses up front (a {@link nmc.diag.UserError} with the
 * estimate) a network that would not fit in the heap.
 */
public final class ReferenceTarget implements Target {
  public static final String NAME = "reference";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "float64 clock-driven simulator on the CPU, the ground truth for the other targets";
  }

  @Override
  public SimResult run(Network net, TargetOptions options, Progress progress) {
    long start = System.nanoTime();
    options.rejectUnknown(NAME, List.of());
    Footprint.check(net);
    return new Simulation(net).run(progress == null ? Progress.NONE : progress, start);
  }
}
