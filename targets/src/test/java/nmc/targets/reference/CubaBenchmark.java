package nmc.targets.reference;

import java.util.List;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;

/**
 * Not a test: a harness that times the CUBA network (4000 LIF, p = 0.02, 1 s at 0.1 ms) a few times in one JVM.
 * Run it with the test classpath, e.g.
 * {@code java -cp targets/target/classes:targets/target/test-classes:compiler/target/classes nmc.targets.reference.CubaBenchmark [runs] [scale]}.
 */
public final class CubaBenchmark {
  private CubaBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    for (int r = 0; r < runs; r++) {
      Network net = Fixtures.cuba(scale, 1.0, 2007, List.of(Fixtures.rate("r", "exc", 0.01)));
      long t0 = System.nanoTime();
      SimResult res = new ReferenceTarget().run(net, Target.Progress.NONE);
      double wall = (System.nanoTime() - t0) * 1e-9;
      long spikes = res.populations().stream().mapToLong(SimResult.PopulationStats::spikes).sum();
      System.out.printf("run %d: %.3f s wall (setup %.3f s), exc %.2f Hz, inh %.2f Hz, %d spikes, %d events, %.3g events/s, %.0f connections%n",
          r, wall, res.metrics().get("setup_s"), res.population("exc").rateHz(1), res.population("inh").rateHz(1), spikes, res.synapticEvents(),
          res.synapticEvents() / wall, res.metrics().get("connections"));
    }
  }
}
