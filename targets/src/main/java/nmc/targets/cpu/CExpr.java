package nmc.targets.cpu;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nmc.ir.Expr;

/**
 * Writes a {@link Cx} as a C expression. Every operation is parenthesised, so the C compiler (without
 * -ffast-math, with -ffp-contract=off) evaluates exactly the tree the reference evaluates. Transcendental
 * functions go through the NMC_EXP ... NMC_POW macros of the generated source, which call either the host's
 * functions (Java's Math, bit-identical with the reference) or the C library's.
 */
final class CExpr {
  private final boolean float32;
  /** Field name of a hoisted array (registers it as a buffer on first use). */
  private final Function<Cx.Fixed, String> fixedName;

  CExpr(boolean float32, Function<Cx.Fixed, String> fixedName) {
    this.float32 = float32;
    this.fixedName = fixedName;
  }

  /** Where an expression is evaluated: index variables per axis, locals that replace arrays, the time variable. */
  static final class Ctx {
    final String[] index;
    final Map<String, String> locals = new HashMap<>();
    final String time;
    /** Fields (arrays) the expression reads, so the enclosing function can declare local pointers. */
    final Set<String> used;

    Ctx(String post, String pre, String conn, String time, Set<String> used) {
      this.index = new String[] {post, pre, conn};
      this.time = time;
      this.used = used;
    }
  }

  String write(Cx e, Ctx ctx) {
    return switch (e) {
      case Cx.Const c -> lit(c.value());
      case Cx.Time t -> ctx.time;
      case Cx.Fixed f -> {
        String name = fixedName.apply(f);
        ctx.used.add(name);
        yield name + "[" + ctx.index[f.axis] + "]";
      }
      case Cx.Lane l -> {
        String local = ctx.locals.get(l.array());
        if (local != null) yield local;
        ctx.used.add(l.array());
        yield l.array() + "[" + ctx.index[l.axis()] + "]";
      }
      case Cx.Op1 u -> unary(u, write(u.a(), ctx));
      case Cx.Op2 b -> binary(b, write(b.a(), ctx), write(b.b(), ctx));
      case Cx.Sel s -> "(" + write(s.c(), ctx) + " != 0 ? " + write(s.a(), ctx) + " : " + write(s.b(), ctx) + ")";
    };
  }

  private String unary(Cx.Op1 u, String a) {
    if (u.fn() == null) return u.op() == Expr.UnOp.NEG ? "(-" + a + ")" : "(" + a + " == 0 ? " + one() + " : " + zero() + ")";
    String f = float32 ? "f" : "";
    return switch (u.fn()) {
      case SQRT -> "sqrt" + f + "(" + a + ")";
      case ABS -> "fabs" + f + "(" + a + ")";
      case FLOOR -> "floor" + f + "(" + a + ")";
      case CEIL -> "ceil" + f + "(" + a + ")";
      default -> "NMC_" + u.fn().name() + "(" + a + ")";
    };
  }

  private String binary(Cx.Op2 b, String x, String y) {
    if (b.fn() != null) {
      String f = b.fn() == Expr.Fn.MIN ? "nmc_min" : "nmc_max";
      return float32 ? "((float) " + f + "(" + x + ", " + y + "))" : f + "(" + x + ", " + y + ")";
    }
    return switch (b.op()) {
      case ADD, SUB, MUL, DIV -> "(" + x + " " + b.op().text + " " + y + ")";
      case POW -> "NMC_POW(" + x + ", " + y + ")";
      case LT, LE, GT, GE, EQ, NE -> "(" + x + " " + b.op().text + " " + y + " ? " + one() + " : " + zero() + ")";
      case AND -> "(" + x + " != 0 && " + y + " != 0 ? " + one() + " : " + zero() + ")";
      case OR -> "(" + x + " != 0 || " + y + " != 0 ? " + one() + " : " + zero() + ")";
    };
  }

  private String one() {
    return float32 ? "1.0f" : "1.0";
  }

  private String zero() {
    return float32 ? "0.0f" : "0.0";
  }

  /** An exact literal of the working precision: hexadecimal, with the decimal value as a comment. */
  String lit(double v) {
    return float32 ? litFloat((float) v) : litDouble(v);
  }

  static String litDouble(double v) {
    if (Double.isNaN(v)) return "NAN";
    if (Double.isInfinite(v)) return v > 0 ? "INFINITY" : "(-INFINITY)";
    String hex = Double.toHexString(v);
    String dec = shortDecimal(Double.toString(v));
    return (v < 0 || hex.startsWith("-") ? "(" + hex + " /* " + dec + " */)" : hex + " /* " + dec + " */");
  }

  static String litFloat(float v) {
    if (Float.isNaN(v)) return "NAN";
    if (Float.isInfinite(v)) return v > 0 ? "INFINITY" : "(-INFINITY)";
    String hex = Float.toHexString(v) + "f";
    String dec = shortDecimal(Float.toString(v));
    return (hex.startsWith("-") ? "(" + hex + " /* " + dec + " */)" : hex + " /* " + dec + " */");
  }

  /** A bare hexadecimal double literal (for constants in tables and comments-free contexts). */
  static String hex(double v) {
    if (Double.isNaN(v)) return "NAN";
    if (Double.isInfinite(v)) return v > 0 ? "INFINITY" : "(-INFINITY)";
    String h = Double.toHexString(v);
    return h.startsWith("-") ? "(" + h + ")" : h;
  }

  private static String shortDecimal(String s) {
    return s.toLowerCase(Locale.ROOT).replace(".0e", "e").replaceAll("\\.0$", "");
  }
}
