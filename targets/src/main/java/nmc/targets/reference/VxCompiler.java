package nmc.targets.reference;

import java.util.function.Function;
import nmc.ir.Expr;
import nmc.ir.Span;

/**
 * Compiles an {@link Expr} into {@link Vx} nodes once, at setup: names are resolved by a scope (to numbers, fixed
 * per-element arrays or state slots), constant subtrees are folded, and every subtree that depends only on
 * numbers, {@code dt}, parameters or weights is evaluated once and replaced by its array (or by a number when all
 * elements agree). What is left is the work that must really be redone every step.
 */
final class VxCompiler {
  private final Function<String, Vx> scope;
  private final Frame frame;
  private final int[] axisLength;
  private final Span span;
  private final String where;

  /**
   * @param scope resolves a name to a leaf node, or {@code null} when unknown
   * @param frame supplies scratch buffers for whole-frame evaluation; {@code null} for element-only use
   * @param axisLength the element counts of the post, pre and connection axes (for hoisting)
   * @param where names the construct in error messages ("the equations of LIF")
   */
  VxCompiler(Function<String, Vx> scope, Frame frame, int[] axisLength, Span span, String where) {
    this.scope = scope;
    this.frame = frame;
    this.axisLength = axisLength;
    this.span = span;
    this.where = where;
  }

  Vx compile(Expr e) {
    return build(e, 0);
  }

  private double[] buffer(int depth) {
    return frame == null ? null : frame.scratch(depth);
  }

  private Vx build(Expr e, int d) {
    Vx node = switch (e) {
      case Expr.Num n -> new Vx.Const(n.value());
      case Expr.Ref r -> {
        Vx leaf = scope.apply(r.name());
        if (leaf == null) throw Errors.at(span, where + " uses '" + r.name() + "', which is not defined there", hintFor(r.name()));
        yield leaf;
      }
      case Expr.Unary u -> new Vx.Op1(Ops.unary(u.op()), build(u.operand(), d), buffer(d));
      case Expr.Binary b -> new Vx.Op2(Ops.binary(b.op()), build(b.left(), d), build(b.right(), d + 1), buffer(d));
      case Expr.Call c -> c.args().size() == 1
          ? new Vx.Op1(Ops.unary(c.fn()), build(c.args().get(0), d), buffer(d))
          : new Vx.Op2(Ops.binary(c.fn()), build(c.args().get(0), d), build(c.args().get(1), d + 1), buffer(d));
      case Expr.Cond c -> {
        Vx k = build(c.cond(), d);
        if (k instanceof Vx.Const kc) yield build(kc.value != 0 ? c.then() : c.otherwise(), d);
        yield new Vx.Sel(k, build(c.then(), d + 1), build(c.otherwise(), d + 2), buffer(d));
      }
    };
    return hoist(node);
  }

  /** Replaces an invariant composite node by its values: a number, or an array along its one axis. */
  private Vx hoist(Vx node) {
    if (node instanceof Vx.Const || node instanceof Vx.Fixed || node instanceof Vx.Lane || node instanceof Vx.Time) return node;
    if (!node.invariant()) return node;
    int axes = node.axes();
    if (axes == 0) return new Vx.Const(node.at(0, 0, 0));
    if (Integer.bitCount(axes) != 1) return node; // mixes pre, post or connection values: evaluated per element
    int axis = Integer.numberOfTrailingZeros(axes);
    double[] values = new double[axisLength[axis]];
    for (int x = 0; x < values.length; x++) {
      values[x] = node.at(axis == Vx.POST ? x : 0, axis == Vx.PRE ? x : 0, axis == Vx.CONN ? x : 0);
    }
    return uniformOrFixed(values, axis);
  }

  /** A number when every element agrees (so later folding and scalar loops apply), else the array. */
  static Vx uniformOrFixed(double[] values, int axis) {
    if (values.length == 0) return new Vx.Fixed(values, axis);
    double first = values[0];
    for (double v : values) if (Double.doubleToLongBits(v) != Double.doubleToLongBits(first)) return new Vx.Fixed(values, axis);
    return new Vx.Const(first);
  }

  private static String hintFor(String name) {
    if (name.startsWith("pre.") || name.startsWith("post.")) return "pre.X and post.X name state variables, ports or parameters of the neuron model";
    return "an expression may use the model's parameters, state variables, ports, t and dt";
  }
}
