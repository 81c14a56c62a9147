package nmc.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.ir.Expr.BinOp;
import nmc.ir.Expr.Binary;
import nmc.ir.Expr.Call;
import nmc.ir.Expr.Cond;
import nmc.ir.Expr.Num;
import nmc.ir.Expr.Ref;
import nmc.ir.Expr.Unary;

/**
 * Small symbolic algebra on {@link Expr}: names used, substitution, constant folding and the derivative. Used to
 * check that an ODE is linear in its variable (exponential Euler), that an on-spike effect is proportional to the
 * weight, and to split {@code dx/dt = a + b*x} into {@code a} and {@code b}.
 */
public final class Symbolic {
  private Symbolic() {}

  /** Every name referenced, in order of first use. */
  public static Set<String> names(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    switch (e) {
      case Num n -> {}
      case Ref r -> out.add(r.name());
      case Unary u -> collect(u.operand(), out);
      case Binary b -> { collect(b.left(), out); collect(b.right(), out); }
      case Call c -> c.args().forEach(a -> collect(a, out));
      case Cond c -> { collect(c.cond(), out); collect(c.then(), out); collect(c.otherwise(), out); }
    }
  }

  public static boolean dependsOn(Expr e, String name) {
    return names(e).contains(name);
  }

  /** Replaces names by expressions. */
  public static Expr substitute(Expr e, Map<String, Expr> with) {
    return switch (e) {
      case Num n -> n;
      case Ref r -> with.getOrDefault(r.name(), r);
      case Unary u -> new Unary(u.op(), substitute(u.operand(), with));
      case Binary b -> new Binary(b.op(), substitute(b.left(), with), substitute(b.right(), with));
      case Call c -> new Call(c.fn(), c.args().stream().map(a -> substitute(a, with)).toList());
      case Cond c -> new Cond(substitute(c.cond(), with), substitute(c.then(), with), substitute(c.otherwise(), with));
    };
  }

  /** d e / d x, simplified; {@code null} when not differentiable symbolically (a condition or min/max on x). */
  public static Expr derivative(Expr e, String x) {
    if (!dependsOn(e, x)) return new Num(0);
    return simplify(switch (e) {
      case Num n -> new Num(0);
      case Ref r -> new Num(1);
      case Unary u -> {
        if (u.op() == Expr.UnOp.NOT) yield null;
        Expr d = derivative(u.operand(), x);
        yield d == null ? null : new Unary(Expr.UnOp.NEG, d);
      }
      case Binary b -> binaryDerivative(b, x);
      case Call c -> callDerivative(c, x);
      case Cond c -> null;
    });
  }

  private static Expr binaryDerivative(Binary b, String x) {
    if (b.op().isComparison() || b.op().isLogical()) return null;
    Expr l = b.left(), r = b.right();
    Expr dl = derivative(l, x), dr = derivative(r, x);
    if (dl == null || dr == null) return null;
    return switch (b.op()) {
      case ADD -> add(dl, dr);
      case SUB -> sub(dl, dr);
      case MUL -> add(mul(dl, r), mul(l, dr));
      case DIV -> sub(div(dl, r), div(mul(l, dr), mul(r, r)));
      case POW -> {
        if (dependsOn(r, x)) yield null;
        // d(l^r) = r * l^(r-1) * dl
        yield mul(mul(r, new Binary(BinOp.POW, l, sub(r, new Num(1)))), dl);
      }
      default -> null;
    };
  }

  private static Expr callDerivative(Call c, String x) {
    if (c.args().size() != 1) return null;
    Expr a = c.args().get(0);
    Expr da = derivative(a, x);
    if (da == null) return null;
    Expr outer = switch (c.fn()) {
      case EXP -> c;
      case LOG -> div(new Num(1), a);
      case LOG10 -> div(new Num(1), mul(a, new Num(Math.log(10))));
      case SQRT -> div(new Num(0.5), c);
      case SIN -> new Call(Expr.Fn.COS, List.of(a));
      case COS -> new Unary(Expr.UnOp.NEG, new Call(Expr.Fn.SIN, List.of(a)));
      case TANH -> sub(new Num(1), mul(c, c));
      case SINH -> new Call(Expr.Fn.COSH, List.of(a));
      case COSH -> new Call(Expr.Fn.SINH, List.of(a));
      case TAN -> add(new Num(1), mul(c, c));
      case ATAN -> div(new Num(1), add(new Num(1), mul(a, a)));
      default -> null;
    };
    return outer == null ? null : mul(outer, da);
  }

  /** True when {@code e} is affine in {@code x}: e = a + b*x with a and b free of x. */
  public static boolean isLinearIn(Expr e, String x) {
    Expr d = derivative(e, x);
    return d != null && !dependsOn(d, x);
  }

  /** For e linear in x, the pair (a, b) with e = a + b*x; {@code null} otherwise. */
  public static Expr[] splitLinear(Expr e, String x) {
    if (!isLinearIn(e, x)) return null;
    Expr b = derivative(e, x);
    Expr a = simplify(substitute(e, Map.of(x, new Num(0))));
    return new Expr[] {a, b};
  }

  /** Folds constants and drops neutral elements (x+0, x*1, x*0 ...). Never changes a value. */
  public static Expr simplify(Expr e) {
    if (e == null) return null;
    return switch (e) {
      case Num n -> n;
      case Ref r -> r;
      case Unary u -> {
        Expr o = simplify(u.operand());
        if (o instanceof Num n) yield new Num(u.op() == Expr.UnOp.NEG ? -n.value() : (n.value() == 0 ? 1 : 0));
        if (u.op() == Expr.UnOp.NEG && o instanceof Unary inner && inner.op() == Expr.UnOp.NEG) yield inner.operand();
        yield new Unary(u.op(), o);
      }
      case Binary b -> simplifyBinary(b.op(), simplify(b.left()), simplify(b.right()));
      case Call c -> {
        List<Expr> args = c.args().stream().map(Symbolic::simplify).toList();
        if (args.stream().allMatch(a -> a instanceof Num)) {
          double[] v = args.stream().mapToDouble(a -> ((Num) a).value()).toArray();
          yield new Num(Eval.call(c.fn(), v));
        }
        yield new Call(c.fn(), args);
      }
      case Cond c -> {
        Expr k = simplify(c.cond());
        if (k instanceof Num n) yield simplify(n.value() != 0 ? c.then() : c.otherwise());
        yield new Cond(k, simplify(c.then()), simplify(c.otherwise()));
      }
    };
  }

  private static Expr simplifyBinary(BinOp op, Expr l, Expr r) {
    if (l instanceof Num a && r instanceof Num b) return new Num(Eval.binary(op, a.value(), b.value()));
    boolean l0 = isNum(l, 0), r0 = isNum(r, 0), l1 = isNum(l, 1), r1 = isNum(r, 1);
    switch (op) {
      case ADD -> { if (l0) return r; if (r0) return l; }
      case SUB -> { if (r0) return l; if (l0) return new Unary(Expr.UnOp.NEG, r); }
      case MUL -> { if (l0 || r0) return new Num(0); if (l1) return r; if (r1) return l; }
      case DIV -> { if (l0) return new Num(0); if (r1) return l; }
      case POW -> { if (r1) return l; if (r0) return new Num(1); }
      default -> {}
    }
    return new Binary(op, l, r);
  }

  private static boolean isNum(Expr e, double v) {
    return e instanceof Num n && n.value() == v;
  }

  private static Expr add(Expr a, Expr b) { return simplifyBinary(BinOp.ADD, a, b); }
  private static Expr sub(Expr a, Expr b) { return simplifyBinary(BinOp.SUB, a, b); }
  private static Expr mul(Expr a, Expr b) { return simplifyBinary(BinOp.MUL, a, b); }
  private static Expr div(Expr a, Expr b) { return simplifyBinary(BinOp.DIV, a, b); }
}
