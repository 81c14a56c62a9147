package nmc.targets.cpu;

import nmc.ir.Eval;
import nmc.ir.Expr;

/**
 * An expression after constant folding and hoisting, ready to be written as C. The node kinds and the folding rules
 * are those of the reference target's array-at-a-time programs, so that the C code performs exactly the floating
 * point operations the reference performs, in the same order, and float64 results agree bit for bit: a subtree
 * that depends only on numbers, {@code dt}, parameters or weights is evaluated once here in Java (with the same
 * functions, {@link Eval}) and becomes a number or an array along its one axis; the rest is evaluated per element
 * in C.
 */
sealed interface Cx permits Cx.Const, Cx.Time, Cx.Fixed, Cx.Lane, Cx.Op1, Cx.Op2, Cx.Sel {
  /** Element axes: the neuron (or post neuron) index i, the pre neuron index j, the connection index k. */
  int POST = 0, PRE = 1, CONN = 2;

  /** True when the value never changes during a run (numbers, dt, parameters, weights). */
  boolean invariant();

  /** Bit set of the axes of the element-valued leaves used. */
  int axes();

  /** True when the value is the same for every element (numbers and expressions of {@code t} alone). */
  default boolean scalar() {
    return axes() == 0;
  }

  /** The value at post index i, pre index j, connection index k (invariant nodes only). */
  double at(int i, int j, int k);

  static int pick(int axis, int i, int j, int k) {
    return axis == POST ? i : axis == PRE ? j : k;
  }

  /** A number. */
  record Const(double value) implements Cx {
    public boolean invariant() { return true; }
    public int axes() { return 0; }
    public double at(int i, int j, int k) { return value; }
  }

  /** The simulation time {@code t}. */
  record Time() implements Cx {
    public boolean invariant() { return false; }
    public int axes() { return 0; }
    public double at(int i, int j, int k) { throw new IllegalStateException("t is not invariant"); }
  }

  /** Values fixed for the run along one axis (per-neuron parameters, weights, hoisted subexpressions). */
  final class Fixed implements Cx {
    final double[] values;
    final int axis;
    /** What the values are, for the comment next to the array in the generated source. */
    final String what;

    Fixed(double[] values, int axis, String what) {
      this.values = values;
      this.axis = axis;
      this.what = what;
    }

    public boolean invariant() { return true; }
    public int axes() { return 1 << axis; }
    public double at(int i, int j, int k) { return values[pick(axis, i, j, k)]; }
  }

  /** A state variable or port, read from array {@code array} (or a local when the writer binds one). */
  record Lane(String array, int axis) implements Cx {
    public boolean invariant() { return false; }
    public int axes() { return 1 << axis; }
    public double at(int i, int j, int k) { throw new IllegalStateException("state is not invariant"); }
  }

  /** Negation, logical not ({@code op} a {@link Expr.UnOp}) or a one-argument function ({@code fn}). */
  record Op1(Expr.UnOp op, Expr.Fn fn, Cx a) implements Cx {
    public boolean invariant() { return a.invariant(); }
    public int axes() { return a.axes(); }

    public double at(int i, int j, int k) {
      return apply(op, fn, a.at(i, j, k));
    }

    static double apply(Expr.UnOp op, Expr.Fn fn, double x) {
      if (fn != null) return Eval.call(fn, new double[] {x});
      return op == Expr.UnOp.NEG ? -x : x == 0 ? 1 : 0;
    }
  }

  /** A binary operator ({@code op}) or min/max ({@code fn}). */
  record Op2(Expr.BinOp op, Expr.Fn fn, Cx a, Cx b) implements Cx {
    public boolean invariant() { return a.invariant() && b.invariant(); }
    public int axes() { return a.axes() | b.axes(); }

    public double at(int i, int j, int k) {
      double x = a.at(i, j, k), y = b.at(i, j, k);
      return fn != null ? Eval.call(fn, new double[] {x, y}) : Eval.binary(op, x, y);
    }
  }

  /** {@code if c then a else b}. */
  record Sel(Cx c, Cx a, Cx b) implements Cx {
    public boolean invariant() { return c.invariant() && a.invariant() && b.invariant(); }
    public int axes() { return c.axes() | a.axes() | b.axes(); }
    public double at(int i, int j, int k) { return c.at(i, j, k) != 0 ? a.at(i, j, k) : b.at(i, j, k); }
  }
}
