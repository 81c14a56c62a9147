package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Suggest;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Ints;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;

/** {@code probe spikes exc[0..99]}, {@code probe exc.v [0, 1]}, {@code probe rate exc bin 10 ms}. */
final class Probes {
  /** Default bin of a rate probe. */
  static final double DEFAULT_BIN = 10e-3;
  /** Most indices one probe may list (a guard against typos such as 0..99999999). */
  static final int MAX_INDICES = 10_000_000;

  private final Ctx ctx;
  private final Map<String, Integer> names = new HashMap<>();

  Probes(Ctx ctx) {
    this.ctx = ctx;
  }

  Probe lower(Ast.ProbeDecl p) {
    Population pop = ctx.populations.get(p.population());
    if (pop == null) {
      if (!ctx.brokenPopulations.contains(p.population())) {
        ctx.diags.error(p.populationSpan(), "unknown population " + p.population(),
            Suggest.hint(p.population(), ctx.populations.keySet(), "populations"));
      }
      return null;
    }
    String var = null;
    if (p.kind() == Probe.Kind.STATE) {
      if (!(pop.kind() instanceof Population.Neurons n)) {
        ctx.diags.error(p.variableSpan(), pop.name() + " is a spike source and has no state to record",
            "record its spikes: probe spikes " + pop.name());
        return null;
      }
      NeuronModel m = ctx.neuron(n.model()).model();
      if (m.stateVar(p.variable()).isEmpty()) {
        List<String> vars = m.state().stream().map(Decls.StateVar::name).toList();
        ctx.diags.error(p.variableSpan(), m.name() + " has no state variable " + p.variable(),
            vars.isEmpty() ? m.name() + " has no state variables" : Suggest.hint(p.variable(), vars, "state variables of " + m.name()));
        return null;
      }
      var = p.variable();
    }
    Ints indices = p.selector() == null ? Ints.EMPTY : indices(p.selector(), pop);
    double bin = 0;
    if (p.kind() == Probe.Kind.RATE) {
      bin = p.bin() == null ? DEFAULT_BIN : ctx.values.constant(p.bin(), Dimension.TIME, "the bin of a rate probe");
      if (!Double.isNaN(bin) && !(bin > 0)) {
        ctx.diags.error(p.bin().span(), "the bin of a rate probe must be longer than 0 s");
        bin = Double.NaN;
      }
    }
    if (indices == null || Double.isNaN(bin)) return null;
    String base = pop.name() + "_" + switch (p.kind()) {
      case SPIKES -> "spikes";
      case RATE -> "rate";
      case STATE -> var;
    };
    int k = names.merge(base, 1, Integer::sum);
    return new Probe(k == 1 ? base : base + "_" + k, p.kind(), pop.name(), var, indices, bin, p.span());
  }

  private Ints indices(List<Ast.IndexRange> selector, Population pop) {
    List<int[]> ranges = new ArrayList<>();
    long total = 0;
    for (Ast.IndexRange r : selector) {
      int from = index(r.from(), r, pop), to = r.to() == null ? from : index(r.to(), r, pop);
      if (from < 0 || to < 0) return null;
      if (to < from) {
        ctx.diags.error(r.span(), "the range " + r.from() + ".." + r.to() + " is empty", "write the smaller index first");
        return null;
      }
      total += to - from + 1L;
      if (total > MAX_INDICES) {
        ctx.diags.error(r.span(), "a probe may list at most " + MAX_INDICES + " neurons", "leave out the brackets to record all");
        return null;
      }
      ranges.add(new int[] {from, to});
    }
    int[] out = new int[(int) total];
    int i = 0;
    for (int[] r : ranges) for (int x = r[0]; x <= r[1]; x++) out[i++] = x;
    return new Ints(out);
  }

  private int index(String text, Ast.IndexRange r, Population pop) {
    double v = Double.parseDouble(text);
    if (v != Math.rint(v)) {
      ctx.diags.error(r.span(), "a neuron index is a whole number, not " + text);
      return -1;
    }
    if (v >= pop.size()) {
      ctx.diags.error(r.span(), "index " + text + " is out of range: " + pop.name() + " has " + pop.size()
          + (pop.size() == 1 ? " neuron" : " neurons"), pop.size() == 0 ? "" : "indices run from 0 to " + (pop.size() - 1));
      return -1;
    }
    return (int) v;
  }
}
