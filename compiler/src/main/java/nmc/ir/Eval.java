package nmc.ir;

import java.util.function.ToDoubleFunction;

/**
 * The meaning of every operator and function in double precision, shared by constant folding and the
 * interpreting back ends so all agree. Comparisons and logic give 1 or 0.
 */
public final class Eval {
  private Eval() {}

  public static double binary(Expr.BinOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case LT -> a < b ? 1 : 0;
      case LE -> a <= b ? 1 : 0;
      case GT -> a > b ? 1 : 0;
      case GE -> a >= b ? 1 : 0;
      case EQ -> a == b ? 1 : 0;
      case NE -> a != b ? 1 : 0;
      case AND -> a != 0 && b != 0 ? 1 : 0;
      case OR -> a != 0 || b != 0 ? 1 : 0;
    };
  }

  public static double call(Expr.Fn fn, double[] a) {
    return switch (fn) {
      case EXP -> Math.exp(a[0]);
      case LOG -> Math.log(a[0]);
      case LOG10 -> Math.log10(a[0]);
      case SQRT -> Math.sqrt(a[0]);
      case ABS -> Math.abs(a[0]);
      case SIN -> Math.sin(a[0]);
      case COS -> Math.cos(a[0]);
      case TAN -> Math.tan(a[0]);
      case TANH -> Math.tanh(a[0]);
      case SINH -> Math.sinh(a[0]);
      case COSH -> Math.cosh(a[0]);
      case ATAN -> Math.atan(a[0]);
      case FLOOR -> Math.floor(a[0]);
      case CEIL -> Math.ceil(a[0]);
      case MIN -> Math.min(a[0], a[1]);
      case MAX -> Math.max(a[0], a[1]);
    };
  }

  /** Evaluates {@code e} with names looked up by {@code env} (slow; for constants and one-off values). */
  /** The value of {@code e} when every name in it is in {@code env}; NaN otherwise (not a constant there). */
  public static double evalOrNaN(Expr e, java.util.Map<String, Double> env) {
    for (String n : Symbolic.names(e)) if (!env.containsKey(n)) return Double.NaN;
    return eval(e, env::get);
  }

  public static double eval(Expr e, ToDoubleFunction<String> env) {
    return switch (e) {
      case Expr.Num n -> n.value();
      case Expr.Ref r -> env.applyAsDouble(r.name());
      case Expr.Unary u -> {
        double v = eval(u.operand(), env);
        yield u.op() == Expr.UnOp.NEG ? -v : (v == 0 ? 1 : 0);
      }
      case Expr.Binary b -> binary(b.op(), eval(b.left(), env), eval(b.right(), env));
      case Expr.Call c -> {
        double[] v = new double[c.args().size()];
        for (int i = 0; i < v.length; i++) v[i] = eval(c.args().get(i), env);
        yield call(c.fn(), v);
      }
      case Expr.Cond c -> eval(c.cond(), env) != 0 ? eval(c.then(), env) : eval(c.otherwise(), env);
    };
  }
}
