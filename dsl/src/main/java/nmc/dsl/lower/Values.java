package nmc.dsl.lower;

import java.util.List;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.ast.Ast.Ex;
import nmc.dsl.check.Scope;
import nmc.dsl.check.Typed;
import nmc.dsl.check.Typer;
import nmc.ir.Dimension;
import nmc.ir.Vec;
import nmc.ir.ValueSpec;

/**
 * Per-element values: a constant, {@code uniform(lo, hi)}, {@code normal(mean, sd)}, a list (one value per
 * element), or, where a model scope is given, an expression of the model's parameters.
 */
final class Values {
  private final Diags diags;
  private final Typer typer;

  Values(Diags diags, Typer typer) {
    this.diags = diags;
    this.typer = typer;
  }

  /**
   * Lowers {@code e}; {@code scope} null means constants only; {@code count} is the number of elements a list must
   * have (-1 when unknown, then any length is accepted), {@code counted} names them ("neurons in exc").
   * Returns null after reporting.
   */
  ValueSpec spec(Ex e, Dimension want, Scope scope, String what, int count, String counted) {
    if (e instanceof Ast.Call c && (c.fn().equals("uniform") || c.fn().equals("normal"))) return random(c, want, what);
    Typed t = typer.value(e, scope == null ? new Scope() : scope);
    if (!typer.expect(t, want, e, what)) return null;
    if (t.isList() && t.vec().length == 1) return new ValueSpec.Const(t.vec()[0]);
    if (t.isList()) {
      if (count >= 0 && t.vec().length != count) {
        diags.error(e.span(), what + " has " + t.vec().length + (t.vec().length == 1 ? " value" : " values") + " but there "
            + (count == 1 ? "is 1 " : "are " + count + " ") + counted, "give one value per element, or a single value for all");
        return null;
      }
      return new ValueSpec.Values(new Vec(t.vec()));
    }
    if (t.isConst()) return new ValueSpec.Const(t.value());
    if (scope == null) {
      diags.error(e.span(), what + " must be a constant, a list, uniform(low, high) or normal(mean, sd)");
      return null;
    }
    return new ValueSpec.Computed(t.expr());
  }

  private ValueSpec random(Ast.Call c, Dimension want, String what) {
    boolean uniform = c.fn().equals("uniform");
    List<String> names = uniform ? List.of("low", "high") : List.of("mean", "sd");
    Double[] v = new Double[2];
    List<Ast.Arg> args = c.args();
    int positional = 0;
    boolean ok = true;
    for (Ast.Arg a : args) {
      int i = switch (a.kind()) {
        case POSITIONAL -> positional++;
        case NAMED -> names.indexOf(a.name());
        default -> -1;
      };
      if (i < 0 || i > 1 || v[i] != null) {
        diags.error(a.span(), c.fn() + " takes two values: " + c.fn() + "(" + names.get(0) + ", " + names.get(1) + ")");
        return null;
      }
      Typed t = typer.scalar(a.value(), new Scope());
      if (!typer.expect(t, want, a.value(), what)) ok = false;
      else if (!t.isConst()) {
        diags.error(a.value().span(), "the " + names.get(i) + " of " + c.fn() + " must be a constant");
        ok = false;
      } else v[i] = t.value();
    }
    if (!ok) return null;
    if (v[0] == null || v[1] == null) {
      diags.error(c.span(), c.fn() + " needs two values: " + c.fn() + "(" + names.get(0) + ", " + names.get(1) + ")");
      return null;
    }
    if (uniform && !(v[0] <= v[1])) {
      diags.error(c.span(), "uniform(low, high) needs low <= high");
      return null;
    }
    if (!uniform && !(v[1] >= 0)) {
      diags.error(c.args().get(1).value().span(), "the standard deviation of normal must not be negative");
      return null;
    }
    return uniform ? new ValueSpec.Uniform(v[0], v[1]) : new ValueSpec.Normal(v[0], v[1]);
  }

  /** The values a spec can take, for sign and range checks: [min, max] (NaN-free), or null when unbounded. */
  static double[] range(ValueSpec s) {
    return switch (s) {
      case ValueSpec.Const c -> new double[] {c.value(), c.value()};
      case ValueSpec.Uniform u -> new double[] {u.low(), u.high()};
      case ValueSpec.Normal n -> n.sd() == 0 ? new double[] {n.mean(), n.mean()} : null;
      case ValueSpec.Values v -> {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : v.values().values()) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
        yield new double[] {lo, hi};
      }
      case ValueSpec.Computed c -> null;
    };
  }

  /** A constant time such as {@code from 10 ms}; NaN after reporting. */
  double time(Ex e, String what) {
    Typed t = typer.scalar(e, new Scope());
    if (!typer.expect(t, Dimension.TIME, e, what)) return Double.NaN;
    if (!t.isConst()) {
      diags.error(e.span(), what + " must be a constant");
      return Double.NaN;
    }
    return t.value();
  }

  /** A constant number of dimension {@code want}; NaN after reporting. */
  double constant(Ex e, Dimension want, String what) {
    Typed t = typer.scalar(e, new Scope());
    if (!typer.expect(t, want, e, what)) return Double.NaN;
    if (!t.isConst() || Double.isNaN(t.value())) {
      diags.error(e.span(), what + " must be a constant number");
      return Double.NaN;
    }
    return t.value();
  }
}
