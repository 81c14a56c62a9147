package nmc.targets.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Decls.Assign;
import nmc.ir.Decls.AssignOp;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Ode;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.Port;
import nmc.ir.Decls.StateVar;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.ExprText;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;

/**
 * Models and networks built by hand in SI units (the language front end is written separately), from expression
 * text parsed by {@link ExprText}.
 */
final class Fixtures {
  private Fixtures() {}

  static Expr e(String text) {
    return ExprText.parse(text);
  }

  static Param param(String name, double value) {
    return new Param(name, Dimension.NONE, "1", new Expr.Num(value));
  }

  static StateVar state(String name, String initial) {
    return new StateVar(name, Dimension.NONE, "1", e(initial));
  }

  /** Leaky integrate-and-fire with a current port: C dv/dt = gL (EL - v) + I, threshold, reset, refractory. */
  static final NeuronModel LIF = new NeuronModel("LIF",
      List.of(param("C", 200e-12), param("gL", 10e-9), param("EL", -0.070), param("Vth", -0.050), param("Vr", -0.065),
          param("tref", 2e-3)),
      List.of(state("v", "EL")),
      List.of(new Port("I", Dimension.CURRENT, "A")),
      List.of(new Ode("v", e("(gL * (EL - v) + I) / C"), true)),
      e("v > Vth"), false, List.of(new Assign("v", AssignOp.SET, e("Vr"))), e("tref"), IntegrationMethod.EXPONENTIAL_EULER, Span.NONE);

  /** The CUBA benchmark neuron (Brette et al. 2007, as in Brian2), in SI. */
  static final NeuronModel CUBA = new NeuronModel("CubaLIF",
      List.of(param("taum", 20e-3), param("taue", 5e-3), param("taui", 10e-3), param("Vt", -50e-3), param("Vr", -60e-3),
          param("El", -49e-3)),
      List.of(state("v", "Vr"), state("ge", "0.0"), state("gi", "0.0")),
      List.of(),
      List.of(new Ode("v", e("(ge + gi - (v - El)) / taum"), true), new Ode("ge", e("-ge / taue"), false),
          new Ode("gi", e("-gi / taui"), false)),
      e("v > Vt"), false, List.of(new Assign("v", AssignOp.SET, e("Vr"))), e("5.0e-3"), IntegrationMethod.EXPONENTIAL_EULER, Span.NONE);

  // Hodgkin-Huxley squid axon per unit area (SI: F/m2, S/m2, A/m2, V); the rates are the classic ones in 1/ms for
  // V in mV, rewritten for v in volts and rates in 1/s.
  static final String VM = "(v * 1000.0)";
  static final String AM = "100.0 * (" + VM + " + 40.0) / (1.0 - exp(-(" + VM + " + 40.0) / 10.0))";
  static final String BM = "4000.0 * exp(-(" + VM + " + 65.0) / 18.0)";
  static final String AH = "70.0 * exp(-(" + VM + " + 65.0) / 20.0)";
  static final String BH = "1000.0 / (1.0 + exp(-(" + VM + " + 35.0) / 10.0))";
  static final String AN = "10.0 * (" + VM + " + 55.0) / (1.0 - exp(-(" + VM + " + 55.0) / 10.0))";
  static final String BN = "125.0 * exp(-(" + VM + " + 65.0) / 80.0)";

  static final NeuronModel HH = new NeuronModel("HH",
      List.of(param("Cm", 1e-2), param("gNa", 1200), param("gK", 360), param("gL", 3), param("ENa", 0.050), param("EK", -0.077),
          param("EL", -0.054387)),
      List.of(state("v", "-0.065"), state("m", AM + " / (" + AM + " + " + BM + ")"), state("h", AH + " / (" + AH + " + " + BH + ")"),
          state("n", AN + " / (" + AN + " + " + BN + ")")),
      List.of(new Port("I_ext", Dimension.NONE, "A/m2")),
      List.of(new Ode("v", e("(I_ext - gNa * m ** 3 * h * (v - ENa) - gK * n ** 4 * (v - EK) - gL * (v - EL)) / Cm"), false),
          new Ode("m", e(AM + " * (1.0 - m) - " + BM + " * m"), false),
          new Ode("h", e(AH + " * (1.0 - h) - " + BH + " * h"), false),
          new Ode("n", e(AN + " * (1.0 - n) - " + BN + " * n"), false)),
      e("v > 0.0"), true, List.of(), null, IntegrationMethod.RK4, Span.NONE);

  /** An electrical synapse: I = w (V_pre - V_post), summed over incoming connections. */
  static final SynapseModel GAP = new SynapseModel("Gap", List.of(), Dimension.NONE, "S", List.of(), List.of(), List.of(), List.of(),
      e("w * (pre.v - post.v)"), Dimension.CURRENT, IntegrationMethod.EULER, Span.NONE);

  static Population neurons(String name, int size, String model, Binding... bindings) {
    List<Binding> params = new ArrayList<>(), init = new ArrayList<>();
    for (Binding b : bindings) (b.name().equals("v") ? init : params).add(b);
    return new Population(name, size, new Population.Neurons(model, params, init), Span.NONE);
  }

  static Binding bind(String name, ValueSpec v) {
    return new Binding(name, v);
  }

  static Projection projection(String name, String pre, String post, String port, String synapse, Connectivity c, ValueSpec w, ValueSpec d) {
    return new Projection(name, pre, post, port, synapse, List.of(), c, w, d, Projection.Sign.MIXED, Span.NONE);
  }

  static Probe spikes(String name, String pop) {
    return new Probe(name, Probe.Kind.SPIKES, pop, null, Ints.EMPTY, 0, Span.NONE);
  }

  static Probe trace(String name, String pop, String var, int... idx) {
    return new Probe(name, Probe.Kind.STATE, pop, var, Ints.of(idx), 0, Span.NONE);
  }

  static Probe rate(String name, String pop, double bin) {
    return new Probe(name, Probe.Kind.RATE, pop, null, Ints.EMPTY, bin, Span.NONE);
  }

  static CurrentInput step(String name, String pop, String port, ValueSpec amplitude, double start, double stop) {
    return new CurrentInput(name, pop, port, new CurrentInput.Step(amplitude, start, stop), Span.NONE);
  }

  static Network network(List<NeuronModel> models, List<SynapseModel> synapses, List<Population> pops, List<Projection> projs,
      List<CurrentInput> inputs, List<Probe> probes, RunSettings run) {
    return new Network("test", models, synapses, pops, projs, inputs, probes, run);
  }

  /** The CUBA network of samples/cuba.snn, scaled by {@code scale} (1 = 4000 neurons). */
  static Network cuba(double scale, double duration, long seed, List<Probe> probes) {
    int ne = (int) Math.round(3200 * scale), ni = (int) Math.round(800 * scale);
    ValueSpec v0 = new ValueSpec.Uniform(-60e-3, -50e-3);
    double we = 60 * 0.27 / 10 * 1e-3, wi = -20 * 4.5 / 10 * 1e-3;
    return network(List.of(CUBA), List.of(),
        List.of(neurons("exc", ne, "CubaLIF", bind("v", v0)), neurons("inh", ni, "CubaLIF", bind("v", v0))),
        List.of(projection("ee", "exc", "exc", "ge", null, new Connectivity.FixedProbability(0.02, false), ValueSpec.of(we), null),
            projection("ei", "exc", "inh", "ge", null, new Connectivity.FixedProbability(0.02, true), ValueSpec.of(we), null),
            projection("ie", "inh", "exc", "gi", null, new Connectivity.FixedProbability(0.02, true), ValueSpec.of(wi), null),
            projection("ii", "inh", "inh", "gi", null, new Connectivity.FixedProbability(0.02, false), ValueSpec.of(wi), null)),
        List.of(), probes, new RunSettings(duration, 1e-4, seed));
  }

  static double[] col(double[][] m, int r) {
    return Arrays.copyOf(m[r], m[r].length);
  }
}
