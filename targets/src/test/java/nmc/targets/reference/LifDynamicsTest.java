package nmc.targets.reference;

import static nmc.targets.reference.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.ir.Network;
import nmc.ir.RunSettings;
import nmc.ir.ValueSpec;
import nmc.sim.SimResult;
import nmc.sim.Target;
import org.junit.jupiter.api.Test;

/** A LIF neuron driven by a constant current against the closed-form solution. */
class LifDynamicsTest {
  static final double C = 200e-12, GL = 10e-9, EL = -0.070, VTH = -0.050, VR = -0.065, TAU = C / GL, DT = 1e-4;
  static final double I = 250e-12, VINF = EL + I / GL;

  static SimResult run(double duration) {
    Network net = network(List.of(LIF), List.of(), List.of(neurons("n", 1, "LIF")), List.of(),
        List.of(step("drive", "n", "I", ValueSpec.of(I), 0, 1)), List.of(spikes("s", "n"), trace("v", "n", "v")),
        new RunSettings(duration, DT, 1));
    return new ReferenceTarget().run(net, Target.Progress.NONE);
  }

  @Test
  void subthresholdTraceIsTheExactSolution() {
    SimResult r = run(0.03); // the first spike comes at 32.2 ms
    double[] v = r.traces().get(0).values()[0];
    assertEquals(301, v.length);
    for (int k = 0; k < v.length; k++) {
      double exact = VINF + (EL - VINF) * Math.exp(-k * DT / TAU);
      assertEquals(exact, v[k], 1e-13, "v at step " + k);
    }
    assertEquals(0, r.population("n").spikes());
  }

  @Test
  void interSpikeIntervalAndRefractoryPeriod() {
    SimResult r = run(0.2);
    double[] t = r.spikes().get(0).times();
    // first spike: first grid time after T0 = tau ln((vinf - EL) / (vinf - Vth)) = 32.19 ms
    double t0 = TAU * Math.log((VINF - EL) / (VINF - VTH));
    assertEquals(Math.floor(t0 / DT) + 1, Math.round(t[0] / DT));
    // later: 20 refractory steps, then the first grid time after T = tau ln((vinf - Vr) / (vinf - Vth)) = 27.73 ms
    double tr = TAU * Math.log((VINF - VR) / (VINF - VTH));
    long isiSteps = 20 + (long) Math.floor(tr / DT) + 1;
    assertEquals(6, t.length); // 32.2 + 5 * 29.8 = 181.2 ms; the next would come at 211 ms
    for (int s = 1; s < t.length; s++) assertEquals(isiSteps * DT, t[s] - t[s - 1], 1e-12, "interval " + s);

    double[] v = r.traces().get(0).values()[0];
    for (double spike : t) {
      int k = (int) Math.round(spike / DT);
      for (int q = k; q <= k + 20 && q < v.length; q++) assertEquals(VR, v[q], 0.0, "held at reset during refractory, step " + q);
      if (k + 21 < v.length) assertTrue(v[k + 21] > VR, "integrates again after 20 steps");
      assertTrue(v[k - 1] <= VTH && v[k - 1] > VTH - 1e-3, "crossed from just below threshold");
    }
  }
}
