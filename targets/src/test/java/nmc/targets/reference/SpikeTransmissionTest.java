package nmc.targets.reference;

import static nmc.targets.reference.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.AssignOp;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Port;
import nmc.ir.Dimension;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.sim.SimResult;
import nmc.sim.Target;
import org.junit.jupiter.api.Test;

/** Delays, arrival effects, synapse state and currents, timed against the step order of common.md. */
class SpikeTransmissionTest {
  static final double DT = 1e-4;

  static Population source(String name, double... times) {
    return new Population(name, 1, new Population.SpikeTimes(List.of(new Vec(times))), Span.NONE);
  }

  /** target += w * (1 + 0 * post.v): the same effect as Delta, but not a plain multiple of w, so it takes the general path. */
  static final SynapseModel SCALED = new SynapseModel("Scaled", List.of(), Dimension.NONE, "V", List.of(), List.of(), List.of(),
      List.of(new Assign("target", AssignOp.ADD, e("w * (1.0 + 0.0 * post.v)"))), null, null, IntegrationMethod.EULER, Span.NONE);

  /** post.v += w: names the post neuron's variable directly instead of the projection's target. */
  static final SynapseModel POST_V = new SynapseModel("PostV", List.of(), Dimension.NONE, "V", List.of(), List.of(), List.of(),
      List.of(new Assign("post.v", AssignOp.ADD, e("w"))), null, null, IntegrationMethod.EULER, Span.NONE);

  @Test
  void aDelayShiftsTheResponseByExactlyItsSteps() {
    double d = 1.5e-3;
    int shift = (int) Math.round(d / DT);
    Network net = network(List.of(LIF), List.of(SCALED, POST_V),
        List.of(source("src", 5.02e-3), neurons("p0", 1, "LIF"), neurons("p1", 1, "LIF"), neurons("p2", 1, "LIF"), neurons("p3", 1, "LIF")),
        List.of(projection("a", "src", "p0", "v", null, new Connectivity.OneToOne(), ValueSpec.of(1e-3), null),
            projection("b", "src", "p1", "v", null, new Connectivity.OneToOne(), ValueSpec.of(1e-3), ValueSpec.of(d)),
            projection("c", "src", "p2", "v", "Scaled", new Connectivity.OneToOne(), ValueSpec.of(1e-3), ValueSpec.of(d)),
            projection("e", "src", "p3", "I", "PostV", new Connectivity.OneToOne(), ValueSpec.of(1e-3), ValueSpec.of(d))),
        List.of(), List.of(spikes("s", "src"), trace("v0", "p0", "v"), trace("v1", "p1", "v"), trace("v2", "p2", "v"), trace("v3", "p3", "v")),
        new RunSettings(0.02, DT, 1));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    assertArrayEquals(new double[] {50 * DT}, r.spikes().get(0).times(), "the source spike is recorded at t_n with t_n <= T < t_n+1");
    double[] v0 = r.traces().get(0).values()[0], v1 = r.traces().get(1).values()[0], v2 = r.traces().get(2).values()[0];
    // emitted at the end of step 50, delivered at the start of step 51: first seen in the state after step 51
    assertEquals(52, firstJump(v0));
    assertEquals(52 + shift, firstJump(v1));
    for (int k = 0; k + shift < v1.length; k++) assertEquals(v0[k], v1[k + shift], 1e-15, "shifted trace at " + k);
    assertArrayEquals(v1, v2, "general on-spike path equals the delta fast path");
    assertArrayEquals(v1, r.traces().get(3).values()[0], "post.v += w equals target += w onto v");
    assertEquals(4, r.synapticEvents());
  }

  private static int firstJump(double[] v) {
    for (int k = 0; k < v.length; k++) if (Math.abs(v[k] - v[0]) > 1e-6) return k;
    return -1;
  }

  /** dv/dt = I / C with Euler: v sums the injected charge. */
  static final NeuronModel INTEGRATOR = new NeuronModel("Integrator", List.of(param("C", 1e-9)), List.of(state("v", "0.0")),
      List.of(new Port("I", Dimension.CURRENT, "A")), List.of(new Ode("v", e("I / C"), false)), null, false, List.of(), null,
      IntegrationMethod.EULER, Span.NONE);

  static final SynapseModel EXP_POST = new SynapseModel("ExpPost", List.of(param("tau", 5e-3)), Dimension.NONE, "A",
      List.of(state("g", "0.0")), List.of(), List.of(new Ode("g", e("-g / tau"), false)),
      List.of(new Assign("g", AssignOp.ADD, e("w"))), e("g"), Dimension.CURRENT, IntegrationMethod.EXPONENTIAL_EULER, Span.NONE);

  static final SynapseModel EXP_PRE = new SynapseModel("ExpPre", List.of(param("tau", 5e-3)), Dimension.NONE, "A",
      List.of(), List.of(state("x", "0.0")), List.of(new Ode("x", e("-x / tau"), false)),
      List.of(new Assign("x", AssignOp.ADD, e("1.0"))), e("w * x"), Dimension.CURRENT, IntegrationMethod.EXPONENTIAL_EULER, Span.NONE);

  @Test
  void postStateAndPreStateSynapsesFollowTheStepOrder() {
    double w = 2e-9, tau = 5e-3, c = 1e-9;
    int steps = 300;
    Network net = network(List.of(INTEGRATOR), List.of(EXP_POST, EXP_PRE),
        List.of(source("src", 1.05e-3), neurons("a", 1, "Integrator"), neurons("b", 1, "Integrator")),
        List.of(projection("post", "src", "a", "I", "ExpPost", new Connectivity.AllToAll(true), ValueSpec.of(w), null),
            projection("pre", "src", "b", "I", "ExpPre", new Connectivity.AllToAll(true), ValueSpec.of(w), null)),
        List.of(), List.of(trace("a", "a", "v"), trace("b", "b", "v")), new RunSettings(steps * DT, DT, 1));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    double[] a = r.traces().get(0).values()[0], b = r.traces().get(1).values()[0];
    // spike in step 10; g (arrival, start of step 11) and x (emission, end of step 10) both equal w resp. 1 at t_11,
    // so the current w e^{-(m-11) dt / tau} flows in steps m >= 11
    double expected = 0;
    for (int m = 0; m < steps; m++) {
      if (m >= 11) expected += DT * w * Math.exp(-(m - 11) * DT / tau) / c;
      assertEquals(expected, a[m + 1], 1e-12 * Math.max(1, expected), "post-state synapse after step " + m);
      assertEquals(expected, b[m + 1], 1e-12 * Math.max(1, expected), "pre-state synapse after step " + m);
    }
    assertTrue(expected > 1e-3);
  }

  @Test
  void rampAndStepInputsAreSampledAtTheStartOfEachStep() {
    double c = 1e-9;
    var ramp = new nmc.ir.CurrentInput("r", "a", "I", new nmc.ir.CurrentInput.Ramp(ValueSpec.of(1e-9), new ValueSpec.Values(new Vec(new double[] {3e-9, -1e-9})),
        2e-3, 6e-3), Span.NONE);
    Network net = network(List.of(INTEGRATOR), List.of(), List.of(neurons("a", 2, "Integrator")), List.of(),
        List.of(ramp, step("s", "a", "I", ValueSpec.of(0.5e-9), 1e-3, 3e-3)), List.of(trace("v", "a", "v")), new RunSettings(0.01, DT, 1));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    double[] to = {3e-9, -1e-9};
    for (int i = 0; i < 2; i++) {
      double v = 0;
      double[] got = r.traces().get(0).values()[i];
      for (int m = 0; m < 100; m++) {
        double t = m * DT, current = 0;
        if (t >= 2e-3 && t < 6e-3) current += 1e-9 + (to[i] - 1e-9) * (t - 2e-3) / 4e-3;
        if (t >= 1e-3 && t < 3e-3) current += 0.5e-9;
        v += DT * current / c;
        assertEquals(v, got[m + 1], 1e-15, "neuron " + i + " after step " + m);
      }
    }
  }

  @Test
  void gapJunctionPairConvergesAtTheDiscreteRate() {
    double g = 20e-9, c = 200e-12, gl = 10e-9;
    Network net = network(List.of(LIF), List.of(GAP),
        List.of(neurons("a", 1, "LIF", bind("v", ValueSpec.of(-0.070))), neurons("b", 1, "LIF", bind("v", ValueSpec.of(-0.060)))),
        List.of(projection("ab", "a", "b", "I", "Gap", new Connectivity.OneToOne(), ValueSpec.of(g), null),
            projection("ba", "b", "a", "I", "Gap", new Connectivity.OneToOne(), ValueSpec.of(g), null)),
        List.of(), List.of(trace("a", "a", "v"), trace("b", "b", "v")), new RunSettings(0.05, DT, 1));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    double[] va = r.traces().get(0).values()[0], vb = r.traces().get(1).values()[0];
    // exponential Euler with the coupling current held over each step: d_{n+1} = d_n (E - 2 g F / C)
    double bdt = -gl / c * DT, e = Math.exp(bdt), f = Math.expm1(bdt) / (-gl / c);
    double factor = e - 2 * g * f / c;
    double d = va[0] - vb[0];
    for (int k = 0; k <= 200; k++) {
      assertEquals(d, va[k] - vb[k], 1e-12, "difference at step " + k);
      d *= factor;
    }
    assertTrue(Math.abs(va[500] - vb[500]) < 1e-5 * 0.01, "converged: " + (va[500] - vb[500]));
    // without coupling the difference would still be 0.01 * e^{-50 ms / 20 ms} = 0.8 mV
    assertEquals(0, r.population("a").spikes() + r.population("b").spikes());
  }
}
