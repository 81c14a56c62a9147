package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.ir.Network;
import nmc.ir.Projection;
import nmc.ir.ValueSpec;
import nmc.sim.SimResult;
import org.junit.jupiter.api.Test;

/** gap_junction_pair.snn: coupled by the gap junction the two cells fire together; uncoupled they drift apart. */
class GapJunctionPairTest {
  /** Mean distance (ms) from each spike of b in the second half of the run to the nearest spike of a. */
  static double meanLagMs(SimResult r, double tFrom) {
    double[] a = Samples.times(r, "a", 0), b = Samples.times(r, "b", 0);
    double sum = 0;
    int n = 0;
    for (double tb : b) {
      if (tb < tFrom) continue;
      double best = Double.MAX_VALUE;
      for (double ta : a) best = Math.min(best, Math.abs(ta - tb));
      sum += best * 1e3;
      n++;
    }
    assertTrue(n >= 3, "b spikes in the second half: " + n);
    return sum / n;
  }

  static Network uncoupled(Network net) {
    List<Projection> ps = net.projections().stream()
        .map(p -> new Projection(p.name(), p.pre(), p.post(), p.port(), p.synapse(), p.synapseParameters(),
            p.connectivity(), new ValueSpec.Const(0), p.delay(), p.sign(), p.span()))
        .toList();
    return new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(), ps, net.currents(),
        net.probes(), net.run());
  }

  @Test
  void couplingLocksTheSpikes() {
    Network net = Samples.load("gap_junction_pair.snn");
    double half = net.run().duration() / 2;
    SimResult coupled = Samples.run(net);
    SimResult alone = Samples.run(uncoupled(net));
    double lagCoupled = meanLagMs(coupled, half), lagAlone = meanLagMs(alone, half);
    assertTrue(lagCoupled < 0.5, "coupled lag " + lagCoupled + " ms");
    assertTrue(lagAlone > 2 * lagCoupled + 0.5, "uncoupled lag " + lagAlone + " ms vs coupled " + lagCoupled + " ms");
    assertTrue(Samples.times(alone, "a", 0).length != Samples.times(alone, "b", 0).length,
        "driven differently, the uncoupled cells fire at different rates");
  }
}
