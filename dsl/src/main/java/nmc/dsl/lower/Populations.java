package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Suggest;
import nmc.dsl.check.Typed;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;

/** {@code population NAME = N x MODEL(args)}: neurons of a model, Poisson sources or given spike times. */
final class Populations {
  private final Ctx ctx;

  Populations(Ctx ctx) {
    this.ctx = ctx;
  }

  void lower(Ast.PopulationDecl p) {
    int size = size(p);
    Population.Kind kind = switch (p.model()) {
      case "poisson" -> poisson(p, size);
      case "spike_times" -> spikeTimes(p, size);
      default -> neurons(p, size);
    };
    if (size < 0 || kind == null) ctx.brokenPopulations.add(p.name());
    else ctx.populations.put(p.name(), new Population(p.name(), size, kind, p.nameSpan()));
  }

  private int size(Ast.PopulationDecl p) {
    double v = p.size();
    if (v < 0) {
      ctx.diags.error(p.sizeSpan(), "a population size must not be negative, but it is " + p.sizeText(),
          "write the number of neurons, e.g. 100 x " + p.model());
      return -1;
    }
    if (v != Math.rint(v) || v > Integer.MAX_VALUE - 8) {
      if (v != Math.rint(v)) {
        ctx.diags.error(p.sizeSpan(), "a population size must be a whole number, but it is " + p.sizeText());
        return -1;
      }
      // Refused up front: even one double of state per neuron would not fit; say how much it would take.
      double bytes = v * 8 * 4; // state, parameters, spike flag and refractory count: at least 4 words a neuron
      ctx.diags.error(p.sizeSpan(), "a population of " + p.sizeText() + " neurons is too large: it would need more than "
          + nmc.ir.build.Footprint.human(bytes) + " (this JVM may use " + nmc.ir.build.Footprint.human(Runtime.getRuntime().maxMemory())
          + "), and one population holds at most 2147483639 neurons",
          "split it into several populations, or simulate a smaller network");
      return -1;
    }
    return (int) v;
  }

  private Population.Kind neurons(Ast.PopulationDecl p, int size) {
    Ast.Model m = ctx.defs.models.get(p.model());
    if (m == null || m.synapse()) {
      List<String> known = new ArrayList<>(ctx.defs.neuronModelNames());
      known.add("poisson");
      known.add("spike_times");
      ctx.diags.error(p.modelSpan(), m == null ? "unknown neuron model " + p.model()
          : p.model() + " is a synapse model; a population needs a neuron model", Suggest.hint(p.model(), known, "neuron models"));
      return null;
    }
    NeuronInfo info = ctx.neuron(p.model());
    NeuronModel model = info.model();
    Map<String, Ast.Arg> given = new HashMap<>();
    boolean ok = true;
    for (Ast.Arg a : p.args()) {
      if (a.kind() != Ast.ArgKind.NAMED) {
        ctx.diags.error(a.span(), "the arguments of a population are named: " + p.model() + "(name = value, ...)",
            "names of " + p.model() + ": " + String.join(", ", varNames(model)));
        ok = false;
      } else if (info.paramIndex(a.name()) < 0 && info.stateIndex(a.name()) < 0) {
        ctx.diags.error(a.span(), p.model() + " has no parameter or state variable " + a.name(),
            Suggest.hint(a.name(), varNames(model), "names of " + p.model()));
        ok = false;
      } else if (given.putIfAbsent(a.name(), a) != null) {
        ctx.diags.error(a.span(), "'" + a.name() + "' is given twice");
        ok = false;
      }
    }
    String counted = "neurons in " + p.name();
    int count = Math.max(size, 0);
    List<Decls.Binding> params = new ArrayList<>();
    for (int i = 0; i < model.parameters().size(); i++) {
      Decls.Param par = model.parameters().get(i);
      Ast.Arg a = given.get(par.name());
      ValueSpec v;
      if (a == null) v = fromDefault(par.value());
      else {
        List<String> earlier = model.parameters().subList(0, i).stream().map(Decls.Param::name).toList();
        Scope s = info.scope().restrict(n -> earlier.contains(n) ? null : "the value of " + par.name()
            + " can only use the parameters of " + p.model() + " declared before it, not " + n);
        v = ctx.values.spec(a.value(), par.dim(), s, par.name(), count, counted);
      }
      ok &= v != null;
      params.add(new Decls.Binding(par.name(), v));
    }
    List<Decls.Binding> initial = new ArrayList<>();
    List<String> paramNames = model.parameters().stream().map(Decls.Param::name).toList();
    for (int i = 0; i < model.state().size(); i++) {
      Decls.StateVar sv = model.state().get(i);
      Ast.Arg a = given.get(sv.name());
      ValueSpec v;
      if (a == null) v = fromDefault(sv.initial());
      else {
        List<String> earlier = model.state().subList(0, i).stream().map(Decls.StateVar::name).toList();
        Scope s = info.scope().restrict(n -> paramNames.contains(n) || earlier.contains(n)
            || info.scope().entry(n) instanceof Scope.Let ? null
            : "the initial value of " + sv.name() + " can only use parameters and the state variables declared before it, not " + n);
        v = ctx.values.spec(a.value(), sv.dim(), s, "initial value of " + sv.name(), count, counted);
      }
      ok &= v != null;
      initial.add(new Decls.Binding(sv.name(), v));
    }
    // with errors the population still exists for later statements to refer to; the network is not built anyway
    return new Population.Neurons(p.model(), params, initial);
  }

  private static List<String> varNames(NeuronModel m) {
    List<String> out = new ArrayList<>(m.parameters().stream().map(Decls.Param::name).toList());
    m.state().forEach(s -> out.add(s.name()));
    return out;
  }

  private static ValueSpec fromDefault(Expr e) {
    return e instanceof Expr.Num n ? new ValueSpec.Const(n.value()) : new ValueSpec.Computed(e);
  }

  private Population.Kind poisson(Ast.PopulationDecl p, int size) {
    Map<String, Ast.Ex> a = Args.bind("poisson", p.args(), List.of("rate", "from", "to"), 1, 1, p.modelSpan(), ctx.diags);
    if (a == null) return null;
    ValueSpec rate = ctx.values.spec(a.get("rate"), Dimension.RATE, null, "the rate of " + p.name(), Math.max(size, 0),
        "sources in " + p.name());
    double start = a.containsKey("from") ? ctx.values.time(a.get("from"), "the start ('from')") : 0;
    double stop = a.containsKey("to") ? ctx.values.time(a.get("to"), "the end ('to')") : Double.POSITIVE_INFINITY;
    if (rate == null || Double.isNaN(start) || Double.isNaN(stop)) return null;
    double[] r = Values.range(rate);
    if (r != null && r[0] < 0) {
      ctx.diags.error(a.get("rate").span(), "a Poisson rate must not be negative");
      return null;
    }
    if (!(start <= stop)) {
      ctx.diags.error(p.modelSpan(), "the Poisson sources stop ('to') before they start ('from')");
      return null;
    }
    return new Population.Poisson(rate, start, stop);
  }

  private Population.Kind spikeTimes(Ast.PopulationDecl p, int size) {
    List<Vec> lists = new ArrayList<>();
    boolean ok = true;
    for (Ast.Arg a : p.args()) {
      if (a.kind() != Ast.ArgKind.POSITIONAL) {
        ctx.diags.error(a.span(), "spike_times takes one list of times per source: spike_times([1, 5] ms, [2] ms)");
        return null;
      }
      double[] times = times(a.value());
      if (times == null) ok = false;
      else lists.add(new Vec(times));
    }
    if (!ok) return null;
    if (size >= 0 && lists.size() != size) {
      ctx.diags.error(p.modelSpan(), "spike_times gives " + lists.size() + (lists.size() == 1 ? " list" : " lists")
          + " of times but population " + p.name() + " has " + size + (size == 1 ? " source" : " sources"),
          "give one list per source");
      return null;
    }
    return new Population.SpikeTimes(lists);
  }

  /** A list of spike times (sorted), or null after reporting. */
  private double[] times(Ast.Ex e) {
    Ast.Ex inner = e instanceof Ast.Quant q ? q.value() : e;
    if (inner instanceof Ast.Arr arr && arr.items().isEmpty()) return new double[0];
    Typed t = ctx.typer.value(e, new Scope());
    if (!ctx.typer.expect(t, Dimension.TIME, e, "a spike time")) return null;
    double[] v = t.isList() ? t.vec() : t.isConst() ? new double[] {t.value()} : null;
    if (v == null) {
      ctx.diags.error(e.span(), "spike times must be constants");
      return null;
    }
    for (double x : v) {
      if (!(x >= 0) || Double.isInfinite(x)) {
        ctx.diags.error(e.span(), "spike times must be finite and not negative");
        return null;
      }
    }
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    return sorted;
  }
}
