package nmc.ann.convert;

import java.util.List;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.ValueSpec;
import nmc.ir.json.Json;

/**
 * Prints an IR network as {@code .snn} source, for the subset conversion produces: populations of standard-library
 * neurons (dimensionless, time, voltage, current or capacitance parameters) and Poisson sources, delta-synapse projections (all_to_all,
 * conv2d, explicit) with constant or listed weights and no delays, step currents, spike and state probes. The
 * front end reads the text back to the same network (apart from source positions). Anything else is refused with
 * an {@link IllegalArgumentException}.
 */
public final class SnnPrinter {
  private SnnPrinter() {}

  /** Values per line in long lists. */
  private static final int PER_LINE = 12;

  public static String print(Network net, List<String> headerComments) {
    StringBuilder sb = new StringBuilder();
    for (String c : headerComments) sb.append("// ").append(c).append('\n');
    if (!headerComments.isEmpty()) sb.append('\n');
    for (Population p : net.populations()) population(net, p, sb);
    sb.append('\n');
    for (Projection pr : net.projections()) projection(net, pr, sb);
    if (!net.projections().isEmpty()) sb.append('\n');
    for (CurrentInput c : net.currents()) current(net, c, sb);
    if (!net.currents().isEmpty()) sb.append('\n');
    for (Probe p : net.probes()) probe(net, p, sb);
    sb.append("\nrun { duration = ").append(num(net.run().duration())).append(" s; dt = ").append(num(net.run().dt()))
        .append(" s; seed = ").append(net.run().seed()).append(" }\n");
    return sb.toString();
  }

  private static void population(Network net, Population p, StringBuilder sb) {
    sb.append("population ").append(p.name()).append(" = ").append(p.size()).append(" x ");
    switch (p.kind()) {
      case Population.Neurons n -> {
        NeuronModel m = net.modelOf(p);
        sb.append(n.model()).append('(');
        boolean first = true;
        for (Decls.Binding b : n.parameters()) {
          Dimension d = m.parameter(b.name()).orElseThrow().dim();
          first = arg(sb, first, b.name(), b.value(), unit(d, "parameter " + b.name()));
        }
        for (Decls.Binding b : n.initial()) {
          Dimension d = m.stateVar(b.name()).orElseThrow().dim();
          first = arg(sb, first, b.name(), b.value(), unit(d, "state variable " + b.name()));
        }
        sb.append(")\n");
      }
      case Population.Poisson ps -> {
        if (ps.start() != 0 || ps.stop() != Double.POSITIVE_INFINITY) throw new IllegalArgumentException("the printer writes Poisson sources without from/to");
        sb.append("poisson(rate = ");
        value(ps.rate(), " Hz", sb);
        sb.append(")\n");
      }
      case Population.SpikeTimes st -> throw new IllegalArgumentException("the printer does not write spike_times populations");
    }
  }

  private static boolean arg(StringBuilder sb, boolean first, String name, ValueSpec v, String unit) {
    if (!first) sb.append(", ");
    sb.append(name).append(" = ");
    value(v, unit, sb);
    return false;
  }

  private static String unit(Dimension d, String what) {
    if (d.equals(Dimension.NONE)) return "";
    if (d.equals(Dimension.TIME)) return " s";
    if (d.equals(Dimension.VOLTAGE)) return " V";
    if (d.equals(Dimension.CURRENT)) return " A";
    if (d.equals(new Dimension(-2, -1, 4, 2, 0, 0, 0))) return " F";
    throw new IllegalArgumentException("the printer writes dimensionless, time, voltage, current and capacitance values only, not " + what);
  }

  private static void projection(Network net, Projection pr, StringBuilder sb) {
    if (pr.synapse() != null && !pr.synapse().equals("Delta")) throw new IllegalArgumentException("the printer writes delta synapses only");
    if (!(pr.delay() == null || (pr.delay() instanceof ValueSpec.Const c && c.value() == 0))) {
      throw new IllegalArgumentException("the printer writes projections without delays");
    }
    sb.append("projection ").append(pr.name()).append(": ").append(pr.pre()).append(" -> ").append(pr.post()).append('.')
        .append(pr.port()).append(" {\n  connect ");
    switch (pr.connectivity()) {
      case Connectivity.AllToAll a -> sb.append(a.autapses() ? "all_to_all" : "all_to_all(autapses = false)");
      case Connectivity.OneToOne o -> sb.append("one_to_one");
      case Connectivity.Conv2d c -> sb.append("conv2d(in = ").append(c.inHeight()).append(" x ").append(c.inWidth()).append(" x ")
          .append(c.inChannels()).append(", out_channels = ").append(c.outChannels()).append(", kernel = ").append(c.kernelHeight())
          .append(" x ").append(c.kernelWidth()).append(", stride = ").append(c.stride()).append(", padding = ").append(c.padding()).append(')');
      case Connectivity.Explicit e -> {
        sb.append("explicit(pre = ");
        ints(e.pre().values(), sb);
        sb.append(", post = ");
        ints(e.post().values(), sb);
        sb.append(')');
      }
      default -> throw new IllegalArgumentException("the printer does not write " + pr.connectivity());
    }
    sb.append("\n  weight ");
    value(pr.weight(), unit(targetDim(net, pr.post(), pr.port()), "the weights of " + pr.name()), sb); // delta: w has the target's unit
    if (pr.sign() == Projection.Sign.EXCITATORY) sb.append("\n  excitatory");
    if (pr.sign() == Projection.Sign.INHIBITORY) sb.append("\n  inhibitory");
    sb.append("\n}\n");
  }

  private static void current(Network net, CurrentInput c, StringBuilder sb) {
    if (!(c.waveform() instanceof CurrentInput.Step s) || s.start() != 0 || s.stop() != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the printer writes steps from 0 without end only");
    }
    sb.append("current ").append(c.name()).append(": ").append(c.population()).append('.').append(c.port()).append(" = step(");
    value(s.amplitude(), unit(targetDim(net, c.population(), c.port()), "the amplitude of " + c.name()), sb);
    sb.append(")\n");
  }

  /** The dimension of a state variable or input port of a population's model. */
  private static Dimension targetDim(Network net, String population, String name) {
    NeuronModel m = net.modelOf(net.population(population).orElseThrow());
    return m.stateVar(name).map(nmc.ir.Decls.StateVar::dim)
        .or(() -> m.ports().stream().filter(p -> p.name().equals(name)).map(nmc.ir.Decls.Port::dim).findFirst())
        .orElseThrow(() -> new IllegalArgumentException(population + " has no " + name));
  }

  private static void probe(Network net, Probe p, StringBuilder sb) {
    if (!p.indices().isEmpty()) throw new IllegalArgumentException("the printer writes probes of whole populations only");
    switch (p.kind()) {
      case SPIKES -> sb.append("probe spikes ").append(p.population()).append('\n');
      case STATE -> sb.append("probe ").append(p.population()).append('.').append(p.variable()).append('\n');
      case RATE -> sb.append("probe rate ").append(p.population()).append(" bin ").append(num(p.bin())).append(" s\n");
    }
  }

  private static void value(ValueSpec v, String unit, StringBuilder sb) {
    switch (v) {
      case ValueSpec.Const c -> sb.append(num(c.value())).append(unit);
      case ValueSpec.Values vs -> {
        double[] a = vs.values().values();
        if (a.length < 2) throw new IllegalArgumentException("a list of one value reads back as a constant");
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) sb.append(i % PER_LINE == 0 ? ",\n    " : ", ");
          sb.append(num(a[i]));
        }
        sb.append(']').append(unit);
      }
      default -> throw new IllegalArgumentException("the printer writes constants and lists only, not " + v);
    }
  }

  private static void ints(int[] a, StringBuilder sb) {
    sb.append('[');
    for (int i = 0; i < a.length; i++) {
      if (i > 0) sb.append(i % (2 * PER_LINE) == 0 ? ",\n    " : ", ");
      sb.append(a[i]);
    }
    sb.append(']');
  }

  /** The shortest text that reads back as the same double. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException("the printer writes finite numbers only");
    return Json.number(v);
  }
}
