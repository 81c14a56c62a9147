package nmc.dsl.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.ast.Ast.Ex;
import nmc.ir.Dimension;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.Unit;
import nmc.ir.Units;

/**
 * Checks an expression and lowers it to the IR: resolves names in a {@link Scope}, applies units (everything
 * becomes SI), checks dimensions and folds constants. Each mistake is reported once; the result then has the
 * error type so that enclosing expressions stay quiet.
 */
public final class Typer {
  private final Diags diags;

  public Typer(Diags diags) {
    this.diags = diags;
  }

  /** The units a hint may suggest when a unit is misspelt. */
  static final List<String> KNOWN_UNITS = List.of("mV", "V", "ms", "s", "us", "nA", "pA", "uA", "mA", "A", "pF", "nF",
      "uF", "F", "nS", "uS", "mS", "S", "Hz", "kHz", "cm2", "mm2", "um2", "cm", "mm", "um", "m", "mM", "uM", "M",
      "Ohm", "kOhm", "MOhm", "GOhm", "mol");

  public static List<String> knownUnits() {
    return KNOWN_UNITS;
  }

  /** A scalar expression (a list is an error). */
  public Typed scalar(Ex e, Scope s) {
    return type(e, s, false);
  }

  /** An expression that may also be a constant list ({@code [0, 5, 10] uA/cm2}). */
  public Typed value(Ex e, Scope s) {
    return type(e, s, true);
  }

  /**
   * Reports unless {@code t} fits {@code want}: "{@code what} expects a time (s) but got a voltage (V)", with the
   * caret at {@code at} and, for a literal, a hint such as "write e.g. 20 ms".
   */
  public boolean expect(Typed t, Dimension want, Ex at, String what) {
    if (t.isErr()) return false;
    if (t.ty().kind() == Ty.Kind.BOOL) {
      diags.error(at.span(), what + " expects " + DimNames.describe(want) + " but got a condition");
      return false;
    }
    if (t.ty().fits(want)) return true;
    diags.error(at.span(), what + " expects " + DimNames.describe(want) + " but got " + DimNames.describe(t.ty().dim()),
        literalHint(at, want));
    return false;
  }

  /** "write e.g. 20 ms" when {@code at} is a number with a unit, else "". */
  static String literalHint(Ex at, Dimension want) {
    String sign = "";
    if (at instanceof Ast.Un u && u.op() == Expr.UnOp.NEG) {
      sign = "-";
      at = u.operand();
    }
    String unit = DimNames.exampleUnit(want);
    if (unit == null) return "";
    String digits = switch (at) {
      case Ast.Quant q when q.value() instanceof Ast.Lit l -> l.text();
      case Ast.Lit l -> l.text();
      default -> null;
    };
    if (digits == null) return unit.isEmpty() ? "" : "give the value a unit, e.g. " + unit;
    return unit.isEmpty() ? "write a plain number, e.g. " + sign + digits : "write e.g. " + sign + digits + " " + unit;
  }

  private Typed type(Ex e, Scope s, boolean lists) {
    return switch (e) {
      case Ast.Lit l -> {
        BigDecimal x = Double.isFinite(l.value()) ? Exact.parse(l.text()) : null;
        yield Typed.constant(l.value(), x, l.value() == 0 ? Ty.ZERO : Ty.num(Dimension.NONE));
      }
      case Ast.Quant q -> quantity(q, s, lists);
      case Ast.Name n -> name(n, s);
      case Ast.Un u -> unary(u, s, lists);
      case Ast.Bin b -> binary(b, s, lists);
      case Ast.Cond c -> cond(c, s);
      case Ast.Call c -> call(c, s);
      case Ast.Arr a -> list(a, s, lists);
      case Ast.Dims d -> {
        diags.error(d.span(), "a shape such as 28 x 28 is only allowed as an argument of conv2d(...)");
        yield Typed.ERR;
      }
    };
  }

  private Typed quantity(Ast.Quant q, Scope s, boolean lists) {
    Optional<Unit> unit = Units.symbol(q.unit());
    if (unit.isEmpty()) {
      String hint = s.has(q.unit()) ? "to multiply by " + q.unit() + " write '*' between them"
          : Suggest.hint(q.unit(), KNOWN_UNITS, "units include");
      diags.error(q.unitSpan(), "'" + q.unit() + "' is not a unit", hint);
      return Typed.ERR;
    }
    Typed v = type(q.value(), s, lists);
    if (v.isErr()) return v;
    if (!v.ty().isNumeric() || !v.ty().dim().isNone()) {
      diags.error(q.unitSpan(), "a unit can only follow a plain number, but this value is "
          + (v.ty().kind() == Ty.Kind.BOOL ? "a condition" : DimNames.describe(v.ty().dim())));
      return Typed.ERR;
    }
    Typed u = unitValue(unit.get());
    Typed r = arith(Expr.BinOp.MUL, v, u);
    return r.isList() ? Typed.list(r.vec(), r.vecExact(), Ty.num(u.ty().dim()))
        : new Typed(r.expr(), Ty.num(u.ty().dim()), r.exact(), null, null);
  }

  private static Typed unitValue(Unit u) {
    // unit factors are decimal (1e-3, 1e-4 ...): read them as the decimals they stand for, not their binary expansion
    BigDecimal x = Double.isFinite(u.scale()) && u.scale() != 0
        ? new BigDecimal(Double.toString(u.scale())).round(new java.math.MathContext(15)) : null;
    return Typed.constant(u.scale(), x, Ty.num(u.dimension()));
  }

  private Typed name(Ast.Name n, Scope s) {
    return switch (s.lookup(n.name())) {
      case Scope.Found f -> f.value();
      case Scope.FoundLet f -> {
        Typed v = scalar(f.let().body(), f.scope());
        yield v.isErr() ? Typed.ERR : v;
      }
      case Scope.Forbidden f -> {
        diags.error(n.span(), f.message());
        yield Typed.ERR;
      }
      case Scope.Missing m -> {
        if (n.name().equals("true") || n.name().equals("false")) {
          yield Typed.constant(n.name().equals("true") ? 1 : 0, null, Ty.BOOL);
        }
        Optional<Unit> u = Units.symbol(n.name());
        if (u.isPresent()) yield unitValue(u.get());
        diags.error(n.span(), "unknown name " + n.name(), Suggest.hint(n.name(), s.names(), "names known here"));
        yield Typed.ERR;
      }
    };
  }

  private Typed unary(Ast.Un u, Scope s, boolean lists) {
    Typed v = type(u.operand(), s, lists);
    if (v.isErr()) return v;
    if (u.op() == Expr.UnOp.NOT) {
      if (v.ty().kind() != Ty.Kind.BOOL) {
        diags.error(u.span(), "'not' needs a condition, but this is " + DimNames.describe(v.ty().dim()));
        return Typed.ERR;
      }
      return v.isConst() ? Typed.constant(v.value() == 0 ? 1 : 0, null, Ty.BOOL) : Typed.of(new Expr.Unary(u.op(), v.expr()), Ty.BOOL);
    }
    if (!v.ty().isNumeric()) {
      diags.error(u.span(), "a condition cannot be negated with '-'", "use 'not'");
      return Typed.ERR;
    }
    if (v.isList()) {
      double[] out = v.vec().clone();
      BigDecimal[] ex = v.vecExact() == null ? null : new BigDecimal[out.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = -out[i];
        if (ex != null) ex[i] = Exact.negate(v.vecExact()[i]);
      }
      return Typed.list(out, ex, v.ty());
    }
    if (v.isConst()) return Typed.constant(-v.value(), Exact.negate(v.exact()), v.ty());
    return Typed.of(new Expr.Unary(Expr.UnOp.NEG, v.expr()), v.ty());
  }

  private Typed binary(Ast.Bin b, Scope s, boolean lists) {
    Typed l = type(b.left(), s, lists), r = type(b.right(), s, lists);
    if (l.isErr() || r.isErr()) return Typed.ERR;
    Ty lt = l.ty(), rt = r.ty();
    Expr.BinOp op = b.op();
    Ty out;
    if (op.isLogical()) {
      if (lt.kind() != Ty.Kind.BOOL || rt.kind() != Ty.Kind.BOOL) {
        diags.error(b.opSpan(), "'" + op.text + "' needs a condition on both sides");
        return Typed.ERR;
      }
      out = Ty.BOOL;
    } else {
      if (!lt.isNumeric() || !rt.isNumeric()) {
        diags.error(b.opSpan(), "'" + op.text + "' needs numbers, but one side is a condition",
            op.isComparison() ? "combine conditions with 'and' or 'or'" : "");
        return Typed.ERR;
      }
      out = switch (op) {
        case ADD, SUB, LT, LE, GT, GE, EQ, NE -> {
          Ty same = unify(lt, rt);
          if (same == null) {
            String verb = switch (op) {
              case ADD -> "cannot add " + DimNames.describe(lt.dim()) + " and " + DimNames.describe(rt.dim());
              case SUB -> "cannot subtract " + DimNames.describe(rt.dim()) + " from " + DimNames.describe(lt.dim());
              default -> "cannot compare " + DimNames.describe(lt.dim()) + " with " + DimNames.describe(rt.dim());
            };
            diags.error(b.opSpan(), verb, "both sides of '" + op.text + "' must have the same dimension");
            yield null;
          }
          yield op.isComparison() ? Ty.BOOL : same;
        }
        case MUL -> lt.kind() == Ty.Kind.ZERO || rt.kind() == Ty.Kind.ZERO ? Ty.ZERO : Ty.num(lt.dim().times(rt.dim()));
        case DIV -> lt.kind() == Ty.Kind.ZERO ? Ty.ZERO : Ty.num(lt.dim().over(rt.dim()));
        case POW -> power(b, l, r);
        default -> throw new IllegalStateException(op.toString());
      };
      if (out == null) return Typed.ERR;
    }
    if (l.isList() || r.isList()) {
      if (!(l.isList() || l.isConst()) || !(r.isList() || r.isConst())) {
        diags.error(b.opSpan(), "a list of values can only be combined with constants");
        return Typed.ERR;
      }
      if (l.isList() && r.isList() && l.vec().length != r.vec().length) {
        diags.error(b.opSpan(), "the lists have different lengths (" + l.vec().length + " and " + r.vec().length + ")");
        return Typed.ERR;
      }
    }
    Typed v = arith(op, l, r);
    return v.isList() ? Typed.list(v.vec(), v.vecExact(), out) : new Typed(v.expr(), out, v.exact(), null, null);
  }

  /** The common type of the two sides of {@code + - <} ..., or null when the dimensions differ. */
  private static Ty unify(Ty a, Ty b) {
    if (a.kind() == Ty.Kind.ZERO) return b;
    if (b.kind() == Ty.Kind.ZERO) return a;
    return a.dim().equals(b.dim()) ? a : null;
  }

  private Ty power(Ast.Bin b, Typed base, Typed exp) {
    if (!exp.ty().dim().isNone() && exp.ty().kind() != Ty.Kind.ZERO) {
      diags.error(b.right().span(), "an exponent must be dimensionless, but this is " + DimNames.describe(exp.ty().dim()));
      return null;
    }
    if (base.ty().kind() == Ty.Kind.ZERO || base.ty().dim().isNone()) return Ty.num(Dimension.NONE);
    if (!exp.isConst()) {
      diags.error(b.right().span(), "the exponent of " + DimNames.describe(base.ty().dim()) + " must be a constant number");
      return null;
    }
    Dimension d = rationalPower(base.ty().dim(), exp.value());
    if (d == null) {
      diags.error(b.opSpan(), DimNames.describe(base.ty().dim()) + " to the power " + nmc.ir.ExprText.number(exp.value())
          + " has no dimension with whole exponents", "divide by a unit first, e.g. (v / mV) ** 0.5");
    }
    return d == null ? null : Ty.num(d);
  }

  /** {@code d ** p} when every SI exponent of the result is a whole number, else null. */
  static Dimension rationalPower(Dimension d, double p) {
    int[] e = {d.m(), d.kg(), d.s(), d.a(), d.k(), d.mol(), d.cd()};
    int[] out = new int[7];
    for (int i = 0; i < 7; i++) {
      double x = e[i] * p;
      if (!Double.isFinite(x) || Math.abs(x - Math.rint(x)) > 1e-9 || Math.abs(x) > 1000) return null;
      out[i] = (int) Math.rint(x);
    }
    return new Dimension(out[0], out[1], out[2], out[3], out[4], out[5], out[6]);
  }

  /** Applies {@code op}, folding constants (exactly where possible) and lists element by element. */
  private static Typed arith(Expr.BinOp op, Typed l, Typed r) {
    if (l.isList() || r.isList()) {
      int n = l.isList() ? l.vec().length : r.vec().length;
      double[] out = new double[n];
      BigDecimal[] ex = new BigDecimal[n];
      boolean exact = true;
      for (int i = 0; i < n; i++) {
        double a = l.isList() ? l.vec()[i] : l.value(), b = r.isList() ? r.vec()[i] : r.value();
        BigDecimal xa = l.isList() ? (l.vecExact() == null ? null : l.vecExact()[i]) : l.exact();
        BigDecimal xb = r.isList() ? (r.vecExact() == null ? null : r.vecExact()[i]) : r.exact();
        ex[i] = Exact.binary(op, xa, xb);
        out[i] = ex[i] != null ? ex[i].doubleValue() : Eval.binary(op, a, b);
        exact &= ex[i] != null;
      }
      return Typed.list(out, exact ? ex : null, l.ty());
    }
    if (l.isConst() && r.isConst()) {
      BigDecimal x = Exact.binary(op, l.exact(), r.exact());
      return Typed.constant(Eval.binary(op, l.value(), r.value()), x, l.ty());
    }
    return Typed.of(new Expr.Binary(op, l.expr(), r.expr()), l.ty());
  }

  private Typed cond(Ast.Cond c, Scope s) {
    Typed k = scalar(c.cond(), s), a = scalar(c.then(), s), b = scalar(c.otherwise(), s);
    if (k.isErr() || a.isErr() || b.isErr()) return Typed.ERR;
    if (k.ty().kind() != Ty.Kind.BOOL) {
      diags.error(c.cond().span(), "the condition after 'if' must be a comparison, but this is "
          + DimNames.describe(k.ty().dim()));
      return Typed.ERR;
    }
    Ty t;
    if (a.ty().kind() == Ty.Kind.BOOL && b.ty().kind() == Ty.Kind.BOOL) t = Ty.BOOL;
    else if (a.ty().isNumeric() && b.ty().isNumeric()) t = unify(a.ty(), b.ty());
    else t = null;
    if (t == null) {
      diags.error(c.otherwise().span(), "the two branches of 'if' differ: " + describe(a.ty()) + " and " + describe(b.ty()));
      return Typed.ERR;
    }
    if (k.isConst()) return k.value() != 0 ? a : b;
    return Typed.of(new Expr.Cond(k.expr(), a.expr(), b.expr()), t);
  }

  private static String describe(Ty t) {
    return t.kind() == Ty.Kind.BOOL ? "a condition" : DimNames.describe(t.dim());
  }

  private static final List<String> NOT_HERE = List.of("uniform", "normal", "step", "ramp", "poisson", "spike_times",
      "all_to_all", "one_to_one", "fixed_probability", "fixed_fan_in", "explicit", "conv2d");

  private Typed call(Ast.Call c, Scope s) {
    Expr.Fn fn = Expr.Fn.byName(c.fn());
    if (fn == null) {
      if (NOT_HERE.contains(c.fn())) {
        diags.error(c.span(), c.fn() + "(...) cannot be used inside an expression",
            switch (c.fn()) {
              case "uniform", "normal" -> "a random draw can be a whole parameter, initial value, weight or delay";
              case "step", "ramp" -> "write it in a 'current' statement";
              case "poisson", "spike_times" -> "write it after 'population NAME = N x'";
              default -> "write it after 'connect' in a projection";
            });
        return Typed.ERR;
      }
      List<String> fns = Arrays.stream(Expr.Fn.values()).map(f -> f.name).toList();
      diags.error(c.span(), "unknown function " + c.fn(), Suggest.hint(c.fn(), fns, "functions"));
      return Typed.ERR;
    }
    List<Typed> args = new ArrayList<>();
    boolean bad = false;
    for (Ast.Arg a : c.args()) {
      if (a.kind() != Ast.ArgKind.POSITIONAL) {
        diags.error(a.span(), fn.name + " takes plain arguments, not " + (a.kind() == Ast.ArgKind.NAMED ? "'" + a.name() + " = ...'" : "'" + a.name() + "'"));
        bad = true;
        continue;
      }
      Typed t = scalar(a.value(), s);
      bad |= t.isErr();
      if (!t.isErr() && !t.ty().isNumeric()) {
        diags.error(a.value().span(), "the argument of " + fn.name + " must be a number, not a condition");
        bad = true;
      }
      args.add(t);
    }
    if (bad) return Typed.ERR;
    if (args.size() != fn.arity) {
      diags.error(c.span(), fn.name + " takes " + fn.arity + (fn.arity == 1 ? " argument" : " arguments") + " but got " + args.size());
      return Typed.ERR;
    }
    Ty out = callType(fn, c, args);
    if (out == null) return Typed.ERR;
    List<Expr> exprs = args.stream().map(Typed::expr).toList();
    if (args.stream().allMatch(Typed::isConst)) {
      double v = Eval.call(fn, args.stream().mapToDouble(Typed::value).toArray());
      return Typed.constant(v, fn == Expr.Fn.ABS && args.get(0).exact() != null ? args.get(0).exact().abs() : Exact.of(v), out);
    }
    return Typed.of(new Expr.Call(fn, exprs), out);
  }

  private Ty callType(Expr.Fn fn, Ast.Call c, List<Typed> args) {
    Ty a = args.get(0).ty();
    if (fn.isTranscendental()) {
      if (a.kind() != Ty.Kind.ZERO && !a.dim().isNone()) {
        diags.error(c.args().get(0).value().span(), "the argument of " + fn.name + " must be dimensionless, but this is "
            + DimNames.describe(a.dim()), "divide by a unit or a parameter, e.g. " + fn.name + "(v / (10 mV))");
        return null;
      }
      return Ty.num(Dimension.NONE);
    }
    return switch (fn) {
      case SQRT -> {
        if (a.kind() == Ty.Kind.ZERO) yield Ty.ZERO;
        Dimension d = rationalPower(a.dim(), 0.5);
        if (d == null) diags.error(c.args().get(0).value().span(), "the square root of " + DimNames.describe(a.dim())
            + " has no dimension with whole exponents");
        yield d == null ? null : Ty.num(d);
      }
      case MIN, MAX -> {
        Ty u = unify(a, args.get(1).ty());
        if (u == null) diags.error(c.span(), fn.name + " needs two values of the same dimension, but got "
            + DimNames.describe(a.dim()) + " and " + DimNames.describe(args.get(1).ty().dim()));
        yield u;
      }
      default -> a; // abs, floor, ceil keep the dimension
    };
  }

  private Typed list(Ast.Arr a, Scope s, boolean lists) {
    if (!lists) {
      diags.error(a.span(), "a list of values is not allowed here");
      return Typed.ERR;
    }
    if (a.items().isEmpty()) {
      diags.error(a.span(), "a list needs at least one value");
      return Typed.ERR;
    }
    double[] v = new double[a.items().size()];
    BigDecimal[] ex = new BigDecimal[v.length];
    boolean exact = true;
    Ty ty = Ty.ZERO;
    for (int i = 0; i < v.length; i++) {
      Ex item = a.items().get(i);
      Typed t = scalar(item, s);
      if (t.isErr()) return t;
      if (!t.isConst() || !t.ty().isNumeric()) {
        diags.error(item.span(), "the values in a list must be constant numbers");
        return Typed.ERR;
      }
      Ty u = unify(ty, t.ty());
      if (u == null) {
        diags.error(item.span(), "this list mixes " + DimNames.describe(ty.dim()) + " and " + DimNames.describe(t.ty().dim()));
        return Typed.ERR;
      }
      ty = u;
      v[i] = t.value();
      ex[i] = t.exact();
      exact &= ex[i] != null;
    }
    return Typed.list(v, exact ? ex : null, ty);
  }
}
