package nmc.targets.cpu;

import java.util.List;
import java.util.function.Function;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Expr;
import nmc.ir.Span;

/**
 * Resolves names and folds an {@link Expr} into {@link Cx}: constant subtrees become numbers and subtrees that
 * depend only on numbers, {@code dt}, parameters or weights become arrays, bottom-up, exactly as the reference
 * target's expression compiler does (the same rule at every node, so both targets are left with the same
 * operations to do per step).
 */
final class CxCompiler {
  private final Function<String, Cx> scope;
  private final int[] axisLength;
  private final Span span;
  private final String where;

  /**
   * @param scope resolves a name to a leaf, or {@code null} when unknown
   * @param axisLength element counts of the post, pre and connection axes
   * @param where names the construct in error messages ("the equations of LIF")
   */
  CxCompiler(Function<String, Cx> scope, int[] axisLength, Span span, String where) {
    this.scope = scope;
    this.axisLength = axisLength;
    this.span = span;
    this.where = where;
  }

  Cx compile(Expr e) {
    Cx node = switch (e) {
      case Expr.Num n -> new Cx.Const(n.value());
      case Expr.Ref r -> {
        Cx leaf = scope.apply(r.name());
        if (leaf == null) throw error(span, where + " uses '" + r.name() + "', which is not defined there", hintFor(r.name()));
        yield leaf;
      }
      case Expr.Unary u -> new Cx.Op1(u.op(), null, compile(u.operand()));
      case Expr.Binary b -> new Cx.Op2(b.op(), null, compile(b.left()), compile(b.right()));
      case Expr.Call c -> c.args().size() == 1
          ? new Cx.Op1(null, c.fn(), compile(c.args().get(0)))
          : new Cx.Op2(null, c.fn(), compile(c.args().get(0)), compile(c.args().get(1)));
      case Expr.Cond c -> {
        Cx k = compile(c.cond());
        if (k instanceof Cx.Const kc) yield compile(kc.value() != 0 ? c.then() : c.otherwise());
        yield new Cx.Sel(k, compile(c.then()), compile(c.otherwise()));
      }
    };
    return hoist(node, e);
  }

  /** Replaces an invariant composite node by its value: a number, or an array along its one axis. */
  private Cx hoist(Cx node, Expr source) {
    if (node instanceof Cx.Const || node instanceof Cx.Fixed || node instanceof Cx.Lane || node instanceof Cx.Time) return node;
    if (!node.invariant()) return node;
    int axes = node.axes();
    if (axes == 0) return new Cx.Const(node.at(0, 0, 0));
    if (Integer.bitCount(axes) != 1) return node; // mixes pre, post or connection values: evaluated per element
    int axis = Integer.numberOfTrailingZeros(axes);
    double[] values = new double[axisLength[axis]];
    for (int x = 0; x < values.length; x++) {
      values[x] = node.at(axis == Cx.POST ? x : 0, axis == Cx.PRE ? x : 0, axis == Cx.CONN ? x : 0);
    }
    return uniformOrFixed(values, axis, source.toText());
  }

  /** A number when every element agrees (so later folding applies), else the array. */
  static Cx uniformOrFixed(double[] values, int axis, String what) {
    if (values.length == 0) return new Cx.Fixed(values, axis, what);
    double first = values[0];
    for (double v : values) if (Double.doubleToLongBits(v) != Double.doubleToLongBits(first)) return new Cx.Fixed(values, axis, what);
    return new Cx.Const(first);
  }

  private static String hintFor(String name) {
    if (name.startsWith("pre.") || name.startsWith("post.")) return "pre.X and post.X name state variables, ports or parameters of the neuron model";
    return "an expression may use the model's parameters, state variables, ports, t and dt";
  }

  static UserError error(Span span, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(span == null ? Span.NONE : span, message, hint, "")));
  }
}
