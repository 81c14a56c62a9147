package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Ty;
import nmc.dsl.check.Typed;
import nmc.dsl.check.Typer;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.IntegrationMethod;
import nmc.ir.NeuronModel;

/** Checks a neuron model and lowers it to a {@link NeuronModel}. */
final class NeuronLowering {
  private NeuronLowering() {}

  static NeuronInfo lower(Ast.Model m, Diags diags, Typer typer) {
    int before = diags.count();
    ModelItems items = new ModelItems(m, diags);
    ModelScope ms = new ModelScope(m.name(), diags, typer);
    Set<String> none = Set.of();

    List<Decls.Param> params = ms.parameters(items.params, null, none);

    List<Decls.Port> ports = new ArrayList<>();
    for (Ast.PortDecl p : items.ports) {
      if (!ms.declare(p.name(), p.span(), "input", none)) continue;
      UnitSpecs.Spec spec = UnitSpecs.eval(p.unit(), null, diags);
      Dimension d = spec == null ? Dimension.NONE : spec.dim();
      ports.add(new Decls.Port(p.name(), d, spec == null ? "1" : spec.display()));
      ms.dims.put(p.name(), d);
      ms.scope.var(p.name(), d);
    }

    // state names first (so a let may mention them), typed one by one: an initial value sees earlier ones
    List<Ast.VarDecl> stateDecls = new ArrayList<>();
    for (Ast.VarDecl v : items.state) {
      if (!ms.declare(v.name(), v.span(), "state variable", none)) continue;
      stateDecls.add(v);
      ms.scope.pending(v.name(), "an initial value can only use parameters and the state variables declared before it, not "
          + v.name());
    }
    List<Ast.Ode> odeAsts = ms.lets(items.equations, none);

    List<Decls.StateVar> state = new ArrayList<>();
    for (Ast.VarDecl v : stateDecls) {
      Scope s = ms.scope.restrict(n -> ports.stream().anyMatch(p -> p.name().equals(n))
          ? "an initial value cannot use the input " + n + " (inputs are summed during the run)"
          : n.equals("t") || n.equals("dt") ? "an initial value cannot use " + n : null);
      ModelScope.Declared d = ms.declaredValue(v, s, null, "initial value of " + v.name());
      ms.states.add(v.name());
      ms.dims.put(v.name(), d.dim());
      ms.scope.var(v.name(), d.dim());
      state.add(new Decls.StateVar(v.name(), d.dim(), d.unit(), d.value()));
    }

    List<Decls.Ode> odes = new ArrayList<>();
    List<Ast.Ode> odeOk = new ArrayList<>();
    for (Ast.Ode o : odeAsts) {
      String var = ms.odeVariable(o, ms.states);
      if (var == null) continue;
      if (odes.stream().anyMatch(x -> x.variable().equals(var))) {
        diags.error(o.span(), "a second equation for " + var, "each state variable has at most one equation");
        continue;
      }
      odes.add(new Decls.Ode(var, ms.odeRhs(o, var, ms.scope), o.unlessRefractory()));
      odeOk.add(o);
    }

    Expr spike = null;
    boolean rising = false;
    if (items.spike != null) {
      Typed t = typer.scalar(items.spike.condition(), ms.scope);
      if (!t.isErr() && t.ty().kind() != Ty.Kind.BOOL) {
        diags.error(items.spike.condition().span(), "the spike condition must be a comparison such as v > V_th");
      }
      spike = t.expr();
      rising = items.spike.rising();
    }

    List<Decls.Assign> reset = new ArrayList<>();
    for (Ast.Assignment a : items.reset) {
      if (!ms.states.contains(a.target())) {
        String role = ms.roles.get(a.target());
        diags.error(a.span(), role != null ? "a reset can only change state variables; " + a.target() + " is a " + role
            : "unknown state variable " + a.target(), role != null ? "" : nmc.dsl.check.Suggest.hint(a.target(), ms.states, "state variables"));
        continue;
      }
      reset.add(new Decls.Assign(a.target(), a.op(), ms.assignedValue(a, ms.dims.get(a.target()), ms.scope)));
    }

    Expr refractory = new Expr.Num(0);
    if (items.refractory != null) {
      Scope s = ms.scope.restrict(n -> ms.params.contains(n) ? null
          : "the refractory period can only use parameters, not " + n);
      Typed t = typer.scalar(items.refractory.value(), s);
      typer.expect(t, Dimension.TIME, items.refractory.value(), "the refractory period");
      refractory = t.expr();
    }

    IntegrationMethod method = ms.method(items.method);
    ms.checkLinear(method, odeOk, odes);
    NeuronModel model = new NeuronModel(m.name(), params, state, ports, odes, spike, rising, reset, refractory, method,
        m.nameSpan());
    return new NeuronInfo(model, ms.scope, diags.count() == before);
  }
}
