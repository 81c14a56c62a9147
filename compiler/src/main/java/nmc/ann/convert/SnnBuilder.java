package nmc.ann.convert;

import java.util.ArrayList;
import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.ExprText;
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
import nmc.ir.Vec;
import nmc.ir.build.Wiring;

/**
 * Writes a {@link Plan} as an IR network for given examples: one copy of every spiking layer per example
 * (population names get {@code _b<k>} when there are several), {@code IFSubtract} neurons (or, with
 * {@link ConvertOptions.Reset#ZERO}, the standard library's {@code IF} reset to 0), delta synapses onto the potential, the input as a constant current into the first layer or as Poisson sources, and probes of the
 * output layer's spikes and potential.
 */
public final class SnnBuilder {
  private SnnBuilder() {}

  /** The standard library's {@code IFSubtract}, as the front end lowers it. */
  public static final NeuronModel IF_SUBTRACT = new NeuronModel("IFSubtract",
      List.of(new Decls.Param("V_th", Dimension.NONE, "1", new Expr.Num(1.0)), new Decls.Param("bias", Dimension.NONE, "1", new Expr.Num(0.0)),
          new Decls.Param("tau", Dimension.TIME, "ms", new Expr.Num(0.001))),
      List.of(new Decls.StateVar("v", Dimension.NONE, "1", new Expr.Num(0.0))), List.of(new Decls.Port("I_syn", Dimension.NONE, "1")),
      List.of(new Decls.Ode("v", ExprText.parse("(I_syn + bias) / tau"), false)), ExprText.parse("v >= V_th"), false,
      List.of(new Decls.Assign("v", Decls.AssignOp.SUB, new Expr.Ref("V_th"))), new Expr.Num(0.0), IntegrationMethod.EULER, Span.NONE);

  private static final Dimension CAPACITANCE = new Dimension(-2, -1, 4, 2, 0, 0, 0);

  /** The standard library's {@code IF} (perfect integrate-and-fire, reset to V_reset, refractory t_ref), as the front end lowers it. */
  public static final NeuronModel IF = new NeuronModel("IF",
      List.of(new Decls.Param("C_m", CAPACITANCE, "pF", new Expr.Num(2.5e-10)), new Decls.Param("V_th", Dimension.VOLTAGE, "mV", new Expr.Num(-0.055)),
          new Decls.Param("V_reset", Dimension.VOLTAGE, "mV", new Expr.Num(-0.07)), new Decls.Param("t_ref", Dimension.TIME, "ms", new Expr.Num(0.002)),
          new Decls.Param("I_e", Dimension.CURRENT, "pA", new Expr.Num(0.0))),
      List.of(new Decls.StateVar("v", Dimension.VOLTAGE, "mV", new Expr.Ref("V_reset"))), List.of(new Decls.Port("I_syn", Dimension.CURRENT, "pA")),
      List.of(new Decls.Ode("v", ExprText.parse("(I_syn + I_e) / C_m"), true)), ExprText.parse("v > V_th"), false,
      List.of(new Decls.Assign("v", Decls.AssignOp.SET, new Expr.Ref("V_reset"))), new Expr.Ref("t_ref"), IntegrationMethod.EULER, Span.NONE);

  /**
   * The threshold of reset-to-zero neurons (in units of the layer's scale): a little below 1 so that a potential that
   * reaches 1 exactly (four average-pool inputs of 1/4) fires under {@code IF}'s strict {@code v > V_th}, also on a
   * chip that rounds weights to 8-bit mantissas (0.4% at worst); it raises rates by 1/(1 - 1/64), the same for every
   * neuron of a layer.
   */
  public static final double ZERO_RESET_THRESHOLD = 1 - 1.0 / 64;

  /** The standard library's {@code Delta} onto a dimensionless variable. */
  public static final SynapseModel DELTA = new SynapseModel("Delta", List.of(), Dimension.NONE, "1", List.of(), List.of(), List.of(),
      List.of(new Decls.Assign("target", Decls.AssignOp.ADD, new Expr.Ref("w"))), null, Dimension.NONE, IntegrationMethod.EULER,
      Span.NONE);

  /** {@link #DELTA} onto a voltage (the front end gives the standard Delta the dimension of its target). */
  public static final SynapseModel DELTA_V = new SynapseModel("Delta", List.of(), Dimension.VOLTAGE, "mV", List.of(), List.of(), List.of(),
      List.of(new Decls.Assign("target", Decls.AssignOp.ADD, new Expr.Ref("w"))), null, Dimension.VOLTAGE, IntegrationMethod.EULER,
      Span.NONE);

  /** A threshold the output never reaches when read out by potential. */
  public static final double NEVER = 1e9;

  /** The network for {@code examples} (each {@code plan.input().size()} values), named {@code name}. */
  public static Network build(Plan plan, List<float[]> examples, String name) {
    ConvertOptions o = plan.options();
    boolean many = examples.size() > 1;
    boolean zero = o.reset() == ConvertOptions.Reset.ZERO;
    NeuronModel model = zero ? IF : IF_SUBTRACT;
    List<Population> pops = new ArrayList<>();
    List<Projection> projs = new ArrayList<>();
    List<CurrentInput> currents = new ArrayList<>();
    List<Probe> probes = new ArrayList<>();
    // the weights and the neurons' parameters are the same in every copy: made once per layer (value specs are immutable)
    int layers = plan.layers().size();
    ValueSpec[][] weights = new ValueSpec[layers][];
    List<List<Decls.Binding>> params = new ArrayList<>(), inits = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      Plan.SpikingLayer sl = plan.layers().get(l);
      weights[l] = new ValueSpec[sl.links().size()];
      for (int i = 0; i < weights[l].length; i++) {
        Plan.Link ln = sl.links().get(i);
        if (ln.source() != Plan.INPUT || o.input() != ConvertOptions.Input.CURRENT) weights[l][i] = spec(ln.weights());
      }
      boolean never = l == layers - 1 && o.readout() == ConvertOptions.Readout.POTENTIAL;
      double vth = never ? NEVER : zero ? ZERO_RESET_THRESHOLD : 1;
      ValueSpec bias = spec(sl.bias());
      // IF: C_m = dt makes each step add I_syn + I_e (in volts) to v, as IFSubtract's tau = dt does
      params.add(zero
          ? List.of(new Decls.Binding("C_m", new ValueSpec.Const(o.dt())), new Decls.Binding("V_th", new ValueSpec.Const(vth)),
              new Decls.Binding("V_reset", new ValueSpec.Const(0)), new Decls.Binding("t_ref", new ValueSpec.Const(0)),
              new Decls.Binding("I_e", bias))
          : List.of(new Decls.Binding("V_th", new ValueSpec.Const(vth)), new Decls.Binding("bias", bias),
              new Decls.Binding("tau", new ValueSpec.Const(o.dt()))));
      inits.add(List.of(new Decls.Binding("v", new ValueSpec.Const(never ? 0 : o.vInit() * vth))));
    }
    for (int b = 0; b < examples.size(); b++) {
      String suffix = many ? "_b" + b : "";
      float[] x = examples.get(b);
      double[] in = new double[x.length];
      for (int i = 0; i < x.length; i++) in[i] = x[i] / plan.inputScale();
      String inputPop = "input" + suffix;
      if (o.input() == ConvertOptions.Input.POISSON) {
        double[] rate = new double[in.length];
        for (int i = 0; i < in.length; i++) {
          if (in[i] < 0) {
            throw nmc.diag.UserError.of("Poisson input needs values >= 0, but input " + i + " of an example is " + x[i],
                "use --input current for inputs that can be negative");
          }
          rate[i] = in[i] / o.dt();
        }
        pops.add(new Population(inputPop, in.length, new Population.Poisson(spec(rate), 0, Double.POSITIVE_INFINITY), Span.NONE));
      }
      for (int l = 0; l < layers; l++) {
        Plan.SpikingLayer sl = plan.layers().get(l);
        boolean out = l == layers - 1;
        String pop = sl.name() + suffix;
        double[] current = null;
        for (int li = 0; li < sl.links().size(); li++) {
          Plan.Link ln = sl.links().get(li);
          if (ln.source() == Plan.INPUT && o.input() == ConvertOptions.Input.CURRENT) {
            double[] c = apply(ln, in, sl.size());
            if (current == null) current = c;
            else for (int k = 0; k < c.length; k++) current[k] += c[k];
            continue;
          }
          String pre = ln.source() == Plan.INPUT ? inputPop : plan.layers().get(ln.source()).name() + suffix;
          projs.add(new Projection(pre + "_" + pop, pre, pop, "v", DELTA.name(), List.of(), ln.connectivity(), weights[l][li],
              new ValueSpec.Const(0), Projection.Sign.MIXED, Span.NONE));
        }
        pops.add(new Population(pop, sl.size(), new Population.Neurons(model.name(), params.get(l), inits.get(l)), Span.NONE));
        if (current != null) {
          currents.add(new CurrentInput("in_" + pop, pop, "I_syn", new CurrentInput.Step(spec(current), 0, Double.POSITIVE_INFINITY),
              Span.NONE));
        }
        if (out) {
          probes.add(new Probe(pop + "_spikes", Probe.Kind.SPIKES, pop, null, nmc.ir.Ints.EMPTY, 0, Span.NONE));
          probes.add(new Probe(pop + "_v", Probe.Kind.STATE, pop, "v", nmc.ir.Ints.EMPTY, 0, Span.NONE));
        }
      }
    }
    List<SynapseModel> syn = projs.isEmpty() ? List.of() : List.of(zero ? DELTA_V : DELTA);
    return new Network(name, List.of(model), syn, pops, projs, currents, probes,
        new RunSettings(o.timesteps() * o.dt(), o.dt(), o.seed()));
  }

  /** A constant when every value is the same (as the front end writes a list of one value), else the values. */
  static ValueSpec spec(double[] v) {
    for (double d : v) if (Double.compare(d, v[0]) != 0) return new ValueSpec.Values(new Vec(v));
    return new ValueSpec.Const(v.length == 0 ? 0 : v[0]);
  }

  /** The input current a link gives each target neuron for input {@code x}: the weighted sum over its connections. */
  static double[] apply(Plan.Link ln, double[] x, int size) {
    double[] out = new double[size];
    double[] w = ln.weights();
    switch (ln.connectivity()) {
      case Connectivity.AllToAll a -> {
        for (int i = 0; i < x.length; i++) {
          if (x[i] == 0) continue;
          for (int o = 0; o < size; o++) out[o] += x[i] * w[i * size + o];
        }
      }
      case Connectivity.Conv2d c -> {
        int oh = c.outHeight(), ow = c.outWidth();
        for (int oc = 0; oc < c.outChannels(); oc++) {
          for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
              double s = 0;
              for (int ch = 0; ch < c.inChannels(); ch++) {
                for (int ky = 0; ky < c.kernelHeight(); ky++) {
                  int iy = oy * c.stride() - c.padding() + ky;
                  if (iy < 0 || iy >= c.inHeight()) continue;
                  for (int kx = 0; kx < c.kernelWidth(); kx++) {
                    int ix = ox * c.stride() - c.padding() + kx;
                    if (ix < 0 || ix >= c.inWidth()) continue;
                    s += x[Wiring.convPre(c, ch, iy, ix)] * w[Wiring.kernelIndex(c, oc, ch, ky, kx)];
                  }
                }
              }
              out[Wiring.convPost(c, oc, oy, ox)] = s;
            }
          }
        }
      }
      case Connectivity.Explicit e -> {
        for (int k = 0; k < e.pre().size(); k++) out[e.post().get(k)] += x[e.pre().get(k)] * w[k];
      }
      default -> throw new IllegalArgumentException("conversion makes no " + ln.connectivity());
    }
    return out;
  }
}
