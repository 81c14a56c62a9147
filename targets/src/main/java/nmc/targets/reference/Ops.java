package nmc.targets.reference;

import nmc.ir.Eval;
import nmc.ir.Expr;

/** Operator codes of {@link Vx} nodes; the meaning of each is {@link Eval}'s, so every target agrees. */
final class Ops {
  private Ops() {}

  // binary: the BinOp ordinals first, then min and max
  // (literals, so they can label switch cases; checked against the enums below)
  static final int LT = 2, GT = 4, ADD = 8, SUB = 9, MUL = 10, DIV = 11;
  static final int MIN = 13, MAX = 14;
  private static final Expr.BinOp[] BIN = Expr.BinOp.values();

  // unary: negation, not, then the one-argument functions by ordinal
  static final int NEG = 0, NOT = 1, FN = 2, EXP = 2;
  private static final Expr.Fn[] FNS = Expr.Fn.values();

  static {
    if (Expr.BinOp.LT.ordinal() != LT || Expr.BinOp.GT.ordinal() != GT || Expr.BinOp.ADD.ordinal() != ADD || Expr.BinOp.SUB.ordinal() != SUB
        || Expr.BinOp.MUL.ordinal() != MUL || Expr.BinOp.DIV.ordinal() != DIV || Expr.BinOp.values().length != MIN
        || FN + Expr.Fn.EXP.ordinal() != EXP) {
      throw new AssertionError("operator codes out of step with nmc.ir.Expr");
    }
  }

  static int binary(Expr.BinOp op) {
    return op.ordinal();
  }

  static int binary(Expr.Fn fn) {
    return switch (fn) {
      case MIN -> MIN;
      case MAX -> MAX;
      default -> throw new IllegalArgumentException(fn + " takes one argument");
    };
  }

  static int unary(Expr.UnOp op) {
    return op == Expr.UnOp.NEG ? NEG : NOT;
  }

  static int unary(Expr.Fn fn) {
    return FN + fn.ordinal();
  }

  static double binary(int op, double a, double b) {
    if (op == MIN) return Math.min(a, b);
    if (op == MAX) return Math.max(a, b);
    return Eval.binary(BIN[op], a, b);
  }

  static double unary(int op, double a) {
    if (op == NEG) return -a;
    if (op == NOT) return a == 0 ? 1 : 0;
    return switch (FNS[op - FN]) {
      case EXP -> Math.exp(a);
      case LOG -> Math.log(a);
      case LOG10 -> Math.log10(a);
      case SQRT -> Math.sqrt(a);
      case ABS -> Math.abs(a);
      case SIN -> Math.sin(a);
      case COS -> Math.cos(a);
      case TAN -> Math.tan(a);
      case TANH -> Math.tanh(a);
      case SINH -> Math.sinh(a);
      case COSH -> Math.cosh(a);
      case ATAN -> Math.atan(a);
      case FLOOR -> Math.floor(a);
      case CEIL -> Math.ceil(a);
      case MIN, MAX -> throw new IllegalArgumentException("two arguments");
    };
  }
}
