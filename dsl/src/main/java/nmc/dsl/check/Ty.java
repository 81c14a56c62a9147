package nmc.dsl.check;

import nmc.ir.Dimension;

/**
 * The type of an expression: a number of some dimension, a condition, the literal 0 (which fits every
 * dimension), or an error already reported (so one mistake gives one message).
 */
public record Ty(Kind kind, Dimension dim) {
  public enum Kind {
    NUM, BOOL, ZERO, ERR
  }

  public static final Ty BOOL = new Ty(Kind.BOOL, Dimension.NONE);
  public static final Ty ZERO = new Ty(Kind.ZERO, Dimension.NONE);
  public static final Ty ERR = new Ty(Kind.ERR, Dimension.NONE);

  public static Ty num(Dimension d) {
    return new Ty(Kind.NUM, d);
  }

  public boolean isErr() {
    return kind == Kind.ERR;
  }

  public boolean isNumeric() {
    return kind == Kind.NUM || kind == Kind.ZERO;
  }

  /** True when a value of this type may stand where {@code want} is expected. */
  public boolean fits(Dimension want) {
    return kind == Kind.ZERO || (kind == Kind.NUM && dim.equals(want));
  }
}
