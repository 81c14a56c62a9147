package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fitzhugh_nagumo.snn (a = 0.7, b = 0.8, tau = 12.5): the resting state is stable for small drive and loses
 * stability (Hopf) near I = 0.33, so I = 0.2 rests while I = 0.5 and I = 1.0 oscillate periodically.
 */
class FitzhughNagumoTest {
  static SimResult r;

  @BeforeAll
  static void run() {
    r = Samples.run(Samples.load("fitzhugh_nagumo.snn"));
  }

  @Test
  void restsBelowTheHopfPointAndSettlesAtTheFixedPoint() {
    // The run starts away from the fixed point, so one transient excursion may happen; none after 100 ms.
    double[] spikes = Samples.times(r, "fhn", 0);
    assertTrue(spikes.length <= 1 && (spikes.length == 0 || spikes[0] < 0.1), "spikes at rest " + java.util.Arrays.toString(spikes));
    // Fixed point of v - v^3/3 - w + I = 0, v + a - b w = 0 for I = 0.2: solve by bisection on v.
    double lo = -3, hi = 3;
    for (int i = 0; i < 200; i++) {
      double m = (lo + hi) / 2, f = m - m * m * m / 3 - (m + 0.7) / 0.8 + 0.2;
      if (f > 0) lo = m; else hi = m; // f decreases in v
    }
    SimResult.TraceData v = r.traces().stream().filter(t -> t.variable().equals("v")).findFirst().orElseThrow();
    double last = v.values()[0][v.times().length - 1];
    assertEquals(lo, last, 1e-3, "v settles at the fixed point");
  }

  @Test
  void oscillatesPeriodicallyAboveIt() {
    for (int n = 1; n <= 2; n++) {
      double[] t = Samples.times(r, "fhn", n);
      assertTrue(t.length >= 5, "neuron " + n + " spikes " + t.length);
      double first = t[2] - t[1], last = t[t.length - 1] - t[t.length - 2];
      assertEquals(first, last, 0.01 * first, "periodic: period " + first + " vs " + last);
    }
  }
}
