package nmc.dsl.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Typed;
import nmc.dsl.check.Typer;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.ExprText;
import nmc.ir.IntegrationMethod;
import nmc.ir.Span;
import nmc.dsl.check.Suggest;

/**
 * What neuron and synapse models share: declaring names once, parameters, state variables, let aliases, the
 * integration method and assignments. Each model gets one of these; its {@link #scope} grows as declarations are
 * checked, in the order the IR requires (parameters, then state, then equations).
 */
class ModelScope {
  static final Set<String> RESERVED = Set.of("t", "dt", "true", "false", "inf", "nan");

  final Diags diags;
  final Typer typer;
  final String model;
  final Scope scope = new Scope();
  /** Where each name of the model was declared, and as what ("parameter", "state variable" ...). */
  final Map<String, Span> declared = new HashMap<>();
  final Map<String, String> roles = new HashMap<>();
  final Map<String, Dimension> dims = new HashMap<>();
  final List<String> params = new ArrayList<>();
  final List<String> states = new ArrayList<>();
  final List<String> lets = new ArrayList<>();

  ModelScope(String model, Diags diags, Typer typer) {
    this.model = model;
    this.diags = diags;
    this.typer = typer;
    scope.var("t", Dimension.TIME).var("dt", Dimension.TIME);
  }

  /** Registers a name once; false (after reporting) for a reserved or repeated name. */
  boolean declare(String name, Span span, String role, Set<String> reservedHere) {
    if (RESERVED.contains(name) || reservedHere.contains(name)) {
      diags.error(span, "'" + name + "' is a built-in name and cannot be declared", "choose another name");
      return false;
    }
    Span first = declared.putIfAbsent(name, span);
    if (first != null) {
      diags.error(span, name + " is already declared in " + model + " as a " + roles.get(name), "the first is at " + first);
      return false;
    }
    roles.put(name, role);
    return true;
  }

  /** Parameters in order; each default may use the parameters before it. Returns the IR parameters. */
  List<Decls.Param> parameters(List<Ast.VarDecl> decls, Dimension target, Set<String> reservedHere) {
    List<Decls.Param> out = new ArrayList<>();
    for (Ast.VarDecl v : decls) {
      if (!declare(v.name(), v.span(), "parameter", reservedHere)) continue;
      Scope s = scope.restrict(n -> isVar(n, "t", "dt") ? "the default of " + v.name() + " cannot use " + n
          + ": a parameter's value is fixed before the run starts" : null);
      Declared d = declaredValue(v, s, target, "parameter " + v.name());
      params.add(v.name());
      dims.put(v.name(), d.dim);
      scope.var(v.name(), d.dim);
      out.add(new Decls.Param(v.name(), d.dim, d.unit, d.value));
    }
    return out;
  }

  private static boolean isVar(String n, String... names) {
    for (String x : names) if (x.equals(n)) return true;
    return false;
  }

  record Declared(Dimension dim, String unit, Expr value, boolean ok) {}

  /** {@code name [: unit] = value}: the dimension is the declared unit's, else the value's. */
  Declared declaredValue(Ast.VarDecl v, Scope s, Dimension target, String what) {
    Typed t = typer.scalar(v.value(), s);
    if (v.unit() != null) {
      UnitSpecs.Spec spec = UnitSpecs.eval(v.unit(), target, diags);
      if (spec == null) return new Declared(Dimension.NONE, "1", t.expr(), false);
      boolean ok = typer.expect(t, spec.dim(), v.value(), what);
      return new Declared(spec.dim(), spec.display(), t.expr(), ok);
    }
    if (t.isErr()) return new Declared(Dimension.NONE, "1", t.expr(), false);
    if (!t.ty().isNumeric()) {
      diags.error(v.value().span(), what + " must be a number, not a condition");
      return new Declared(Dimension.NONE, "1", t.expr(), false);
    }
    Dimension d = t.ty().dim();
    return new Declared(d, UnitSpecs.displayUnit(v.value(), d), t.expr(), true);
  }

  /** Registers the let aliases of the equations (checked where they are used) and returns the ODEs. */
  List<Ast.Ode> lets(List<Ast.Eq> equations, Set<String> reservedHere) {
    List<Ast.Ode> odes = new ArrayList<>();
    for (Ast.Eq e : equations) {
      switch (e) {
        case Ast.Let l -> {
          if (!declare(l.name(), l.span(), "let alias", reservedHere)) continue;
          scope.let(l.name(), lets.size(), l.value());
          lets.add(l.name());
        }
        case Ast.Ode o -> odes.add(o);
      }
    }
    return odes;
  }

  /** The variable of {@code dv/dt}, or null after reporting. */
  String odeVariable(Ast.Ode o, List<String> allowed) {
    if (!o.dt().equals("dt") || !o.lhs().startsWith("d") || o.lhs().length() < 2) {
      diags.error(o.span(), "an equation must read dX/dt = ... (or let NAME = ...)", "for example dv/dt = -v / tau");
      return null;
    }
    String var = o.lhs().substring(1);
    if (!allowed.contains(var)) {
      String role = roles.get(var);
      diags.error(o.span(), role != null ? var + " is a " + role + "; only state variables have equations"
          : "unknown state variable " + var, role != null ? "declare it in the state block" : Suggest.hint(var, allowed, "state variables"));
      return null;
    }
    return var;
  }

  /** Checks an ODE's right-hand side: its dimension must be that of the variable per time. */
  Expr odeRhs(Ast.Ode o, String var, Scope s) {
    Typed t = typer.scalar(o.rhs(), s);
    Dimension want = dims.get(var).over(Dimension.TIME);
    typer.expect(t, want, o.rhs(), "d" + var + "/dt");
    return t.expr();
  }

  /** Checks exponential Euler's condition: each equation linear in its own variable. */
  void checkLinear(IntegrationMethod method, List<Ast.Ode> asts, List<Decls.Ode> odes) {
    if (method != IntegrationMethod.EXPONENTIAL_EULER) return;
    for (int i = 0; i < odes.size(); i++) {
      Decls.Ode o = odes.get(i);
      if (!nmc.ir.Symbolic.isLinearIn(o.rhs(), o.variable())) {
        diags.error(asts.get(i).span(), "d" + o.variable() + "/dt is not linear in " + o.variable()
            + ", which exponential_euler needs", "use 'method rk4' (or euler) for this model");
      }
    }
  }

  IntegrationMethod method(Ast.Method m) {
    if (m == null) return IntegrationMethod.EULER;
    return switch (m.name()) {
      case "euler" -> IntegrationMethod.EULER;
      case "rk4" -> IntegrationMethod.RK4;
      case "exponential_euler" -> IntegrationMethod.EXPONENTIAL_EULER;
      default -> {
        diags.error(m.nameSpan(), "unknown integration method " + m.name(),
            Suggest.hint(m.name(), List.of("euler", "rk4", "exponential_euler"), "methods"));
        yield IntegrationMethod.EULER;
      }
    };
  }

  /** An assignment's value: the target's dimension, or dimensionless for {@code *=}. */
  Expr assignedValue(Ast.Assignment a, Dimension targetDim, Scope s) {
    Typed t = typer.scalar(a.value(), s);
    Dimension want = a.op() == Decls.AssignOp.MUL ? Dimension.NONE : targetDim;
    typer.expect(t, want, a.value(), a.op() == Decls.AssignOp.MUL ? "'*=' (a factor)" : a.target() + " " + a.op().text);
    return t.expr();
  }

  static String text(Expr e) {
    return ExprText.print(e);
  }
}
