package nmc.dsl.check;

import java.math.BigDecimal;
import java.math.MathContext;
import nmc.ir.Expr;

/**
 * Decimal arithmetic on constants, so that unit factors combine without binary rounding ({@code 0.3 mS/cm2} is
 * 3.0 S/m2, not 2.9999999999999996). Every operation rounds to 34 digits; values outside about 1e-300..1e300
 * are given up (null), and the caller falls back to doubles.
 */
final class Exact {
  private Exact() {}

  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUGE = new BigDecimal("1e300"), TINY = new BigDecimal("1e-300");

  static BigDecimal of(double v) {
    return Double.isFinite(v) ? tame(new BigDecimal(v)) : null;
  }

  /** The decimal value of a literal as written. */
  static BigDecimal parse(String text) {
    try {
      return tame(new BigDecimal(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal tame(BigDecimal b) {
    if (b == null) return null;
    BigDecimal a = b.abs();
    if (a.signum() != 0 && (a.compareTo(HUGE) > 0 || a.compareTo(TINY) < 0)) return null;
    return b.round(MC);
  }

  static BigDecimal binary(Expr.BinOp op, BigDecimal a, BigDecimal b) {
    if (a == null || b == null) return null;
    return tame(switch (op) {
      case ADD -> a.add(b, MC);
      case SUB -> a.subtract(b, MC);
      case MUL -> a.multiply(b, MC);
      case DIV -> b.signum() == 0 ? null : a.divide(b, MC);
      case POW -> {
        // whole exponents only, and small ones: larger ones gain nothing over doubles
        BigDecimal n = b.stripTrailingZeros();
        if (n.scale() > 0 || n.abs().compareTo(BigDecimal.valueOf(64)) > 0) yield null;
        int k = n.intValueExact();
        if (k < 0 && a.signum() == 0) yield null;
        yield k >= 0 ? a.pow(k, MC) : BigDecimal.ONE.divide(a.pow(-k, MC), MC);
      }
      default -> null;
    });
  }

  static BigDecimal negate(BigDecimal a) {
    return a == null ? null : a.negate();
  }
}
