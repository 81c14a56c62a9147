package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.DimNames;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Suggest;
import nmc.dsl.check.Typed;
import nmc.dsl.check.Typer;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.NeuronModel;
import nmc.ir.Span;
import nmc.ir.Symbolic;
import nmc.ir.SynapseModel;

/**
 * Checks a synapse model for one use: the dimension of the projection's target ({@code target}), and the pre and
 * post neuron models (for {@code pre.X}, {@code post.X}) are known only there.
 */
final class SynapseLowering {
  private SynapseLowering() {}

  /** Where a synapse is used. {@code pre} is null for a spike source. */
  record Use(Dimension target, String targetName, boolean targetIsState, NeuronModel pre, NeuronModel post, Span at) {}

  private static final Set<String> RESERVED = Set.of("w", "target", "pre", "post");

  /** The IR model, or null when it cannot be used here (reported). */
  static SynapseModel lower(Ast.Model m, Use use, Diags diags, Typer typer) {
    ModelItems items = new ModelItems(m, diags);
    ModelScope ms = new ModelScope(m.name(), diags, typer);
    if (!checkPrePost(m, use, diags)) return null;

    List<Decls.Param> params = ms.parameters(items.params, use.target(), RESERVED);
    Dimension weightDim = use.target();
    String weightUnit = DimNames.exampleUnit(use.target()) != null ? DimNames.exampleUnit(use.target()) : nmc.ir.Units.describe(use.target());
    if (items.weight != null) {
      UnitSpecs.Spec spec = UnitSpecs.eval(items.weight.unit(), use.target(), diags);
      if (spec != null) {
        weightDim = spec.dim();
        weightUnit = spec.display();
      }
    }
    if (weightUnit.isEmpty()) weightUnit = "1";
    ms.scope.var("w", weightDim);
    addNeuronVars(ms.scope, "post.", use.post());
    if (use.pre() != null) addNeuronVars(ms.scope, "pre.", use.pre());

    List<Ast.VarDecl> post = declareState(ms, items.state, "state variable");
    List<Ast.VarDecl> pre = declareState(ms, items.preState, "pre state variable");
    List<Ast.Ode> odeAsts = ms.lets(items.equations, RESERVED);
    List<String> postNames = new ArrayList<>(), preNames = new ArrayList<>();
    List<Decls.StateVar> postState = typeState(ms, post, postNames, use.target());
    List<Decls.StateVar> preState = typeState(ms, pre, preNames, use.target());

    List<Decls.Ode> odes = new ArrayList<>();
    List<Ast.Ode> odeOk = new ArrayList<>();
    List<String> all = new ArrayList<>(postNames);
    all.addAll(preNames);
    for (Ast.Ode o : odeAsts) {
      String var = ms.odeVariable(o, all);
      if (var == null) continue;
      if (odes.stream().anyMatch(x -> x.variable().equals(var))) {
        diags.error(o.span(), "a second equation for " + var, "each state variable has at most one equation");
        continue;
      }
      if (o.unlessRefractory()) diags.error(o.span(), "synapse variables are never refractory", "remove 'unless refractory'");
      boolean isPost = postNames.contains(var);
      odes.add(new Decls.Ode(var, ms.odeRhs(o, var, side(ms.scope, var, isPost, postNames, preNames)), false));
      odeOk.add(o);
    }

    List<Decls.Assign> onPre = new ArrayList<>();
    for (Ast.Assignment a : items.onPre) {
      Decls.Assign x = onPre(a, m, use, ms, postNames, preNames, diags);
      if (x != null) onPre.add(x);
    }

    Expr current = null;
    if (items.current != null) {
      if (use.targetIsState()) {
        diags.error(use.at(), "synapse " + m.name() + " adds a current every step, so its target must be an input of "
            + use.post().name() + ", but " + use.targetName() + " is a state variable",
            inputsHint(use.post()));
        return null;
      }
      Typed t = typer.scalar(items.current.value(), ms.scope);
      typer.expect(t, use.target(), items.current.value(), "the current of synapse " + m.name() + " (into "
          + use.post().name() + "." + use.targetName() + ")");
      current = t.expr();
    }
    IntegrationMethod method = ms.method(items.method);
    ms.checkLinear(method, odeOk, odes);
    return new SynapseModel(m.name(), params, weightDim, weightUnit, postState, preState, odes, onPre, current,
        use.target(), method, m.nameSpan());
  }

  private static String inputsHint(NeuronModel post) {
    return post.ports().isEmpty() ? post.name() + " has no inputs"
        : "inputs of " + post.name() + ": " + String.join(", ", post.ports().stream().map(Decls.Port::name).toList());
  }

  /** Every {@code pre.X} and {@code post.X} the model uses must exist in the neuron models of this projection. */
  private static boolean checkPrePost(Ast.Model m, Use use, Diags diags) {
    boolean ok = true;
    for (String n : DottedNames.of(m)) {
      boolean isPre = n.startsWith("pre.");
      NeuronModel nm = isPre ? use.pre() : use.post();
      String x = n.substring(n.indexOf('.') + 1);
      if (isPre && nm == null) {
        diags.error(use.at(), "synapse " + m.name() + " uses " + n + ", but the source of this projection is a spike source");
        ok = false;
      } else if (nm.stateVar(x).isEmpty() && nm.port(x).isEmpty()) {
        diags.error(use.at(), "synapse " + m.name() + " uses " + n + ", but " + nm.name() + " has no variable " + x);
        ok = false;
      }
    }
    return ok;
  }

  private static void addNeuronVars(Scope s, String prefix, NeuronModel n) {
    n.state().forEach(v -> s.var(prefix + v.name(), v.dim()));
    n.ports().forEach(p -> s.var(prefix + p.name(), p.dim()));
  }

  private static List<Ast.VarDecl> declareState(ModelScope ms, List<Ast.VarDecl> decls, String role) {
    List<Ast.VarDecl> out = new ArrayList<>();
    for (Ast.VarDecl v : decls) {
      if (!ms.declare(v.name(), v.span(), role, RESERVED)) continue;
      ms.scope.pending(v.name(), "an initial value can only use parameters and the state variables declared before it, not "
          + v.name());
      out.add(v);
    }
    return out;
  }

  private static List<Decls.StateVar> typeState(ModelScope ms, List<Ast.VarDecl> decls, List<String> names, Dimension target) {
    List<Decls.StateVar> out = new ArrayList<>();
    for (Ast.VarDecl v : decls) {
      Scope s = ms.scope.restrict(n -> ms.params.contains(n) || names.contains(n) || ms.lets.contains(n) ? null
          : "an initial value can only use parameters and the state variables declared before it, not " + n);
      ModelScope.Declared d = ms.declaredValue(v, s, target, "initial value of " + v.name());
      names.add(v.name());
      ms.dims.put(v.name(), d.dim());
      ms.states.add(v.name());
      ms.scope.var(v.name(), d.dim());
      out.add(new Decls.StateVar(v.name(), d.dim(), d.unit(), d.value()));
    }
    return out;
  }

  /**
   * The scope of an equation for {@code var}: post state lives once per target neuron and cannot see a
   * connection's weight or its source; pre state lives once per source neuron and cannot see its targets.
   */
  private static Scope side(Scope s, String var, boolean isPost, List<String> postNames, List<String> preNames) {
    return s.restrict(n -> {
      boolean other = isPost ? n.equals("w") || preNames.contains(n) || n.startsWith("pre.")
          : n.equals("w") || postNames.contains(n) || n.startsWith("post.");
      if (!other) return null;
      return var + " is " + (isPost ? "one value per target neuron" : "one value per source neuron") + ", so its equation cannot use "
          + n + (n.equals("w") ? " (one value per connection)" : "");
    });
  }

  private static Decls.Assign onPre(Ast.Assignment a, Ast.Model m, Use use, ModelScope ms, List<String> postNames,
      List<String> preNames, Diags diags) {
    String t = a.target();
    Dimension dim;
    boolean perConnection;
    if (t.equals("target")) {
      if (!use.targetIsState()) {
        diags.error(use.at(), "synapse " + m.name() + " adds to its target on each spike, so the target must be a state "
            + "variable of " + use.post().name() + ", but " + use.targetName() + " is an input",
            "target a state variable, or use a synapse with a current (Exp, Alpha, ExpCond ...)");
        return null;
      }
      dim = use.target();
      perConnection = true;
    } else if (postNames.contains(t)) {
      dim = ms.dims.get(t);
      perConnection = true;
    } else if (preNames.contains(t)) {
      dim = ms.dims.get(t);
      perConnection = false;
    } else if (t.startsWith("post.") && use.post().stateVar(t.substring(5)).isPresent()) {
      dim = use.post().stateVar(t.substring(5)).get().dim();
      perConnection = true;
    } else {
      List<String> ok = new ArrayList<>(postNames);
      ok.addAll(preNames);
      ok.add("target");
      use.post().state().forEach(v -> ok.add("post." + v.name()));
      diags.error(a.span(), "on_pre cannot assign to " + t, Suggest.hint(t, ok, "it can assign to"));
      return null;
    }
    Scope s = perConnection ? ms.scope : ms.scope.restrict(n -> n.equals("w") || postNames.contains(n) || n.startsWith("post.")
        ? t + " is one value per source neuron, so what is assigned to it cannot use " + n : null);
    Expr v = ms.assignedValue(a, dim, s);
    if (perConnection && !Double.isNaN(probe(v))) {
      if (a.op() != Decls.AssignOp.ADD && a.op() != Decls.AssignOp.SUB) {
        diags.error(a.span(), "on_pre must change " + t + " with += or -=", "the effects of several connections add up");
        return null;
      }
      Expr[] split = Symbolic.splitLinear(v, "w");
      if (split == null || !(Symbolic.simplify(split[0]) instanceof Expr.Num z && z.value() == 0)
          || !Symbolic.dependsOn(v, "w")) {
        diags.error(a.value().span(), "what on_pre adds to " + t + " must be proportional to the weight w",
            "write e.g. " + t + " += w, or w times an expression without w");
        return null;
      }
    }
    return new Decls.Assign(t, a.op(), v);
  }

  /** NaN for the error placeholder of an expression that was already reported. */
  private static double probe(Expr e) {
    return e instanceof Expr.Num n ? n.value() : 0;
  }
}
