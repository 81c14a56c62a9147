package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import nmc.ir.Network;
import nmc.ir.Projection;
import nmc.ir.ValueSpec;
import nmc.sim.SimResult;
import org.junit.jupiter.api.Test;

/**
 * gap_junction_pair.snn: two HH cells under different drives. Coupled by the gap junction they lock 1:1 (same
 * number of spikes, a constant lag); with the junction's conductance set to 0 they fire at their own rates.
 */
class GapJunctionPairTest {
  static Network uncoupled(Network net) {
    List<Projection> ps = net.projections().stream()
        .map(p -> new Projection(p.name(), p.pre(), p.post(), p.port(), p.synapse(), p.synapseParameters(),
            p.connectivity(), new ValueSpec.Const(0), p.delay(), p.sign(), p.span()))
        .toList();
    return new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(), ps, net.currents(),
        net.probes(), net.run());
  }

  @Test
  void couplingLocksTheSpikesOneToOne() {
    Network net = Samples.load("gap_junction_pair.snn");
    SimResult r = Samples.run(net);
    double[] a = Samples.times(r, "a", 0), b = Samples.times(r, "b", 0);
    assertTrue(a.length >= 10, "a fires: " + a.length);
    assertEquals(a.length, b.length, "1:1 locking: " + Arrays.toString(a) + " vs " + Arrays.toString(b));
    // After the first few cycles the lag of b behind a is constant to within 0.05 ms.
    double[] lag = new double[a.length - 3];
    for (int k = 3; k < a.length; k++) lag[k - 3] = (b[k] - a[k]) * 1e3;
    double spread = Arrays.stream(lag).max().orElseThrow() - Arrays.stream(lag).min().orElseThrow();
    assertTrue(spread < 0.05, "lag (ms) " + Arrays.toString(lag));
    assertTrue(Math.abs(lag[0]) < 2, "lag " + lag[0] + " ms is a small fraction of the period");
  }

  @Test
  void withoutCouplingTheCellsKeepTheirOwnRates() {
    SimResult r = Samples.run(uncoupled(Samples.load("gap_junction_pair.snn")));
    int a = Samples.times(r, "a", 0).length, b = Samples.times(r, "b", 0).length;
    assertTrue(a >= b + 2, "uncoupled: a " + a + " spikes, b " + b);
  }
}
