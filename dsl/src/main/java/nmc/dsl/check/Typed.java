package nmc.dsl.check;

import java.math.BigDecimal;
import nmc.ir.Expr;

/**
 * A checked expression: its IR form in SI units and its type. Constants also keep their exact decimal value
 * ({@code exact}, null when not exact) so {@code 0.3 mS/cm2} becomes exactly 3.0; a constant list keeps its
 * elements in {@code vec} (then {@code expr} is null).
 */
public record Typed(Expr expr, Ty ty, BigDecimal exact, double[] vec, BigDecimal[] vecExact) {
  public static final Typed ERR = new Typed(new Expr.Num(Double.NaN), Ty.ERR, null, null, null);

  public static Typed of(Expr e, Ty ty) {
    return new Typed(e, ty, null, null, null);
  }

  public static Typed constant(double v, BigDecimal exact, Ty ty) {
    return new Typed(new Expr.Num(exact != null ? exact.doubleValue() : v), ty, exact, null, null);
  }

  public static Typed list(double[] v, BigDecimal[] exact, Ty ty) {
    return new Typed(null, ty, null, v, exact);
  }

  public boolean isList() {
    return vec != null;
  }

  public boolean isConst() {
    return vec == null && expr instanceof Expr.Num;
  }

  public double value() {
    return ((Expr.Num) expr).value();
  }

  public boolean isErr() {
    return ty.isErr();
  }
}
