package nmc.ir.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import org.junit.jupiter.api.Test;

class FootprintTest {

  static Network sources(int populations, int size, double p) {
    List<Population> pops = new ArrayList<>();
    List<Projection> projs = new ArrayList<>();
    for (int i = 0; i < populations; i++) {
      pops.add(new Population("p" + i, size, new Population.Poisson(ValueSpec.of(5), 0, 1), Span.NONE));
      if (i > 0) {
        projs.add(new Projection("c" + i, "p" + (i - 1), "p" + i, "x", null, List.of(),
            new Connectivity.FixedProbability(p, true), ValueSpec.of(1), null, Projection.Sign.MIXED, Span.NONE));
      }
    }
    return new Network("big", List.of(), List.of(), pops, projs, List.of(), List.of(), new RunSettings(1, 1e-4, 1));
  }

  @Test
  void tenBillionNeuronsAreRefusedWithTheEstimate() {
    Network net = sources(5, 2_000_000_000, 1e-9);
    assertEquals(10_000_000_000L, net.neuronCount());
    UserError e = assertThrows(UserError.class, () -> Footprint.check(net, 6L << 30));
    String msg = e.diagnostics().get(0).message();
    assertTrue(msg.contains("10000000000 neurons"), msg);
    assertTrue(msg.contains("GiB") && msg.contains("but the JVM may use 6.0 GiB"), msg);
    assertTrue(e.diagnostics().get(0).hint().contains("-Xmx"));
    // 8 bytes per Poisson source (rate) at least
    assertTrue(Footprint.estimate(net).totalBytes() >= 8.0 * 1e10);
  }

  @Test
  void connectionsDominateDenseNetworks() {
    Network net = sources(2, 10_000, 0.5);
    var est = Footprint.estimate(net);
    assertEquals(0.5 * 1e8, est.connections(), 1);
    assertTrue(est.synapseBytes() >= 0.5e8 * Footprint.BYTES_PER_CONNECTION);
    assertThrows(UserError.class, () -> Footprint.check(net, 1L << 30));
    assertEquals(est.totalBytes(), Footprint.check(net, 64L << 30).totalBytes());
  }

  @Test
  void humanUnits() {
    assertEquals("17 B", Footprint.human(17));
    assertEquals("1.5 KiB", Footprint.human(1536));
    assertEquals("93.1 GiB", Footprint.human(93.1 * (1L << 30)));
  }
}
