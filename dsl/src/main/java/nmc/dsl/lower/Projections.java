package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Suggest;
import nmc.dsl.check.Typed;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Eval;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;

/** {@code projection NAME: pre -> post.target { connect ...; synapse ...; weight ...; delay ...; sign }}. */
final class Projections {
  private final Ctx ctx;
  private final Connections connections;
  /** Synapse models as used, by (model, target dimension, pre model, post model, target kind). */
  private final Map<String, SynapseModel> synapses = new HashMap<>();
  /** The IR synapse models the network uses, keyed by (model, target dimension). */
  final Map<String, SynapseModel> used = new LinkedHashMap<>();
  final List<Projection> projections = new ArrayList<>();

  Projections(Ctx ctx) {
    this.ctx = ctx;
    this.connections = new Connections(ctx);
  }

  void lower(Ast.ProjectionDecl p) {
    Population pre = population(p.pre(), p.preSpan());
    Population post = population(p.post(), p.postSpan());
    if (post == null) return;
    if (!(post.kind() instanceof Population.Neurons nk)) {
      ctx.diags.error(p.postSpan(), post.name() + " is a spike source and cannot receive a projection");
      return;
    }
    NeuronInfo postInfo = ctx.neuron(nk.model());
    NeuronModel postModel = postInfo.model();
    Dimension targetDim;
    boolean targetIsState;
    if (postModel.port(p.port()).isPresent()) {
      targetDim = postModel.port(p.port()).get().dim();
      targetIsState = false;
    } else if (postModel.stateVar(p.port()).isPresent()) {
      targetDim = postModel.stateVar(p.port()).get().dim();
      targetIsState = true;
    } else {
      List<String> names = new ArrayList<>(postModel.ports().stream().map(Decls.Port::name).toList());
      postModel.state().forEach(s -> names.add(s.name()));
      String c = Suggest.closest(p.port(), names);
      ctx.diags.error(p.portSpan(), postModel.name() + " has no input or state variable " + p.port(),
          c != null ? "did you mean " + c + "?" : "inputs: " + join(postModel.ports().stream().map(Decls.Port::name).toList())
              + "; state variables: " + join(postModel.state().stream().map(Decls.StateVar::name).toList()));
      return;
    }
    if (pre == null) return;
    NeuronModel preModel = pre.kind() instanceof Population.Neurons pk ? ctx.neuron(pk.model()).model() : null;

    Ast.Connect connect = null;
    Ast.SynapseRef synRef = null;
    Ast.Weight weight = null;
    Ast.Delay delay = null;
    Ast.SignItem sign = null;
    for (Ast.ProjItem item : p.items()) {
      switch (item) {
        case Ast.Connect c -> connect = once(connect, c, "connect rule");
        case Ast.SynapseRef s -> synRef = once(synRef, s, "synapse");
        case Ast.Weight w -> weight = once(weight, w, "weight");
        case Ast.Delay d -> delay = once(delay, d, "delay");
        case Ast.SignItem s -> sign = once(sign, s, "excitatory/inhibitory");
      }
    }
    if (connect == null) ctx.diags.error(p.nameSpan(), "projection " + p.name() + " has no 'connect' rule",
        "add e.g. connect fixed_probability(0.1)");
    if (weight == null) ctx.diags.error(p.nameSpan(), "projection " + p.name() + " has no 'weight'", "add e.g. weight 1 nS");
    Connections.Rule rule = connect == null ? null : connections.lower(connect, pre, post);

    String synName = synRef == null ? "Delta" : synRef.name();
    Ast.Model synAst = ctx.defs.models.get(synName);
    if (synAst == null || !synAst.synapse()) {
      ctx.diags.error(synRef.nameSpan(), synAst == null ? "unknown synapse model " + synName
          : synName + " is a neuron model; 'synapse' needs a synapse model", Suggest.hint(synName, ctx.defs.synapseModelNames(), "synapse models"));
      return;
    }
    SynapseLowering.Use use = new SynapseLowering.Use(targetDim, p.port(), targetIsState, preModel, postModel, p.nameSpan());
    String key = synName + "|" + targetDim + "|" + (preModel == null ? "" : preModel.name()) + "|" + postModel.name() + "|" + targetIsState;
    SynapseModel syn = synapses.containsKey(key) ? synapses.get(key) : SynapseLowering.lower(synAst, use, ctx.diags, ctx.typer);
    synapses.put(key, syn);
    if (syn == null) return;
    List<Decls.Binding> synParams = synapseParameters(syn, synRef);

    long count = rule == null ? -1 : rule.count();
    int known = count > Integer.MAX_VALUE ? -1 : (int) count;
    ValueSpec w = weight == null ? null : ctx.values.spec(weight.value(), syn.weightDim(), null,
        "the weight of " + p.name(), known, "connections in " + p.name());
    ValueSpec d = delay == null ? new ValueSpec.Const(0) : ctx.values.spec(delay.value(), Dimension.TIME, null,
        "the delay of " + p.name(), known, "connections in " + p.name());
    Projection.Sign s = sign == null ? Projection.Sign.MIXED : sign.sign();
    if (w != null && sign != null) checkSign(w, s, weight, p.name());
    if (d != null && delay != null) {
      double[] r = Values.range(d);
      if (r != null && r[0] < 0) {
        ctx.diags.error(delay.value().span(), "a delay must not be negative");
        d = null;
      }
    }
    if (rule == null || w == null || d == null || synParams == null) return;
    used.putIfAbsent(synName + "|" + targetDim, syn);
    projections.add(new Projection(p.name(), pre.name(), post.name(), p.port(), synName + "|" + targetDim, synParams,
        rule.connectivity(), w, d, s, p.nameSpan()));
  }

  private static String join(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private <T extends Ast.ProjItem> T once(T first, T second, String what) {
    if (first == null) return second;
    ctx.diags.error(second.span(), "a second " + what + " in the same projection", "the first is at " + first.span());
    return first;
  }

  private Population population(String name, nmc.ir.Span at) {
    Population p = ctx.populations.get(name);
    if (p == null && !ctx.brokenPopulations.contains(name)) {
      List<String> names = new ArrayList<>(ctx.populations.keySet());
      names.addAll(ctx.brokenPopulations);
      ctx.diags.error(at, "unknown population " + name, Suggest.hint(name, names, "populations"));
    }
    return p;
  }

  private void checkSign(ValueSpec w, Projection.Sign s, Ast.Weight weight, String proj) {
    double[] r = Values.range(w);
    double bound = r == null ? (w instanceof ValueSpec.Normal n ? n.mean() : 0) : s == Projection.Sign.EXCITATORY ? r[0] : r[1];
    boolean wrong = s == Projection.Sign.EXCITATORY ? bound < 0 : bound > 0;
    if (wrong) {
      String word = s == Projection.Sign.EXCITATORY ? "excitatory" : "inhibitory";
      ctx.diags.error(weight.value().span(), "projection " + proj + " is " + word + " but its weight is "
          + (s == Projection.Sign.EXCITATORY ? "negative" : "positive")
          + (r == null ? " on average" : r[0] == r[1] ? "" : " for some connections"),
          s == Projection.Sign.EXCITATORY ? "excitatory weights are >= 0; write 'inhibitory' or flip the sign"
              : "inhibitory weights are <= 0; write 'excitatory' or flip the sign");
    }
  }

  /** The synapse's parameters for this projection: the given values, else the defaults. Null after reporting. */
  private List<Decls.Binding> synapseParameters(SynapseModel syn, Ast.SynapseRef ref) {
    Map<String, Ast.Arg> given = new HashMap<>();
    List<String> names = syn.parameters().stream().map(Decls.Param::name).toList();
    boolean ok = true;
    for (Ast.Arg a : ref == null ? List.<Ast.Arg>of() : ref.args()) {
      String n = a.kind() == Ast.ArgKind.NAMED ? a.name() : null;
      if (n == null) {
        ctx.diags.error(a.span(), "synapse parameters are named: " + syn.name() + "(name = value)",
            names.isEmpty() ? syn.name() + " has no parameters" : "parameters of " + syn.name() + ": " + String.join(", ", names));
        ok = false;
      } else if (!names.contains(n)) {
        ctx.diags.error(a.span(), syn.name() + " has no parameter " + n, Suggest.hint(n, names, "parameters of " + syn.name()));
        ok = false;
      } else if (given.putIfAbsent(n, a) != null) {
        ctx.diags.error(a.span(), "'" + n + "' is given twice");
        ok = false;
      }
    }
    Map<String, Double> values = new HashMap<>();
    List<Decls.Binding> out = new ArrayList<>();
    for (Decls.Param par : syn.parameters()) {
      Ast.Arg a = given.get(par.name());
      double v;
      if (a != null) {
        Typed t = ctx.typer.scalar(a.value(), new Scope());
        if (!ctx.typer.expect(t, par.dim(), a.value(), "parameter " + par.name() + " of " + syn.name())) {
          ok = false;
          continue;
        }
        if (!t.isConst()) {
          ctx.diags.error(a.value().span(), "a synapse parameter must be a constant");
          ok = false;
          continue;
        }
        v = t.value();
      } else {
        v = Eval.eval(par.value(), n -> values.getOrDefault(n, Double.NaN));
      }
      values.put(par.name(), v);
      out.add(new Decls.Binding(par.name(), new ValueSpec.Const(v)));
    }
    return ok ? out : null;
  }

}
