package nmc.dsl.lower;

import java.util.Optional;
import nmc.dsl.Diags;
import nmc.dsl.ast.Ast;
import nmc.dsl.ast.Ast.Ex;
import nmc.dsl.check.DimNames;
import nmc.dsl.check.Suggest;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.Unit;
import nmc.ir.Units;

/**
 * Unit declarations ({@code I_syn : pA}, {@code weight : target / mV}, {@code I : 1}) and the display unit of a
 * value as the user wrote it ({@code 0.3 mS/cm2} shows as {@code mS/cm2}).
 */
final class UnitSpecs {
  private UnitSpecs() {}

  /** A declared unit: its dimension and how to display it. */
  record Spec(Dimension dim, String text) {
    /** The text to show: a unit relative to {@code target} is shown in a common unit of its dimension. */
    String display() {
      if (!text.contains("target")) return text;
      String ex = DimNames.exampleUnit(dim);
      return ex == null ? Units.describe(dim) : ex.isEmpty() ? "1" : ex.startsWith("/") ? "1" + ex : ex;
    }
  }

  /**
   * Evaluates a unit expression; {@code target} (may be null) is the dimension the word {@code target} stands
   * for. Returns null after reporting.
   */
  static Spec eval(Ex e, Dimension target, Diags diags) {
    return switch (e) {
      case Ast.Lit l when l.value() == 1 -> new Spec(Dimension.NONE, "1");
      case Ast.Name n when n.name().equals("target") -> {
        if (target == null) {
          diags.error(n.span(), "'target' as a unit only means something in a synapse model",
              "it stands for the dimension of the variable a projection targets");
          yield null;
        }
        yield new Spec(target, "target");
      }
      case Ast.Name n -> {
        Optional<Unit> u = Units.symbol(n.name());
        if (u.isEmpty()) {
          diags.error(n.span(), "'" + n.name() + "' is not a unit", Suggest.hint(n.name(), nmc.dsl.check.Typer.knownUnits(), "units include"));
          yield null;
        }
        yield new Spec(u.get().dimension(), n.name());
      }
      case Ast.Bin b when b.op() == Expr.BinOp.MUL || b.op() == Expr.BinOp.DIV -> {
        Spec l = eval(b.left(), target, diags), r = eval(b.right(), target, diags);
        if (l == null || r == null) yield null;
        Dimension d = b.op() == Expr.BinOp.MUL ? l.dim.times(r.dim) : l.dim.over(r.dim);
        yield new Spec(d, l.text + b.op().text + r.text);
      }
      case Ast.Bin b when b.op() == Expr.BinOp.POW && b.right() instanceof Ast.Lit p && p.value() == Math.rint(p.value())
          && Math.abs(p.value()) <= 9 -> {
        Spec l = eval(b.left(), target, diags);
        yield l == null ? null : new Spec(l.dim.pow((int) p.value()), l.text + "**" + p.text());
      }
      default -> {
        diags.error(e.span(), "expected a unit such as mV, pA or uA/cm2 (or 1 for dimensionless)");
        yield null;
      }
    };
  }

  /** The unit a value was written in, when it is a number with a unit of dimension {@code dim}; else a default. */
  static String displayUnit(Ex e, Dimension dim) {
    String t = written(e);
    if (t != null && !t.isEmpty()) {
      String parse = t.startsWith("/") ? "1" + t : t;
      Optional<Unit> u = Units.parse(parse);
      if (u.isPresent() && u.get().dimension().equals(dim)) return parse;
    }
    String ex = DimNames.exampleUnit(dim);
    return ex == null ? Units.describe(dim) : ex.isEmpty() ? "1" : ex.startsWith("/") ? "1" + ex : ex;
  }

  private static String written(Ex e) {
    return switch (e) {
      case Ast.Quant q -> q.unit();
      case Ast.Lit l -> "";
      case Ast.Un u when u.op() == Expr.UnOp.NEG -> written(u.operand());
      case Ast.Bin b when (b.op() == Expr.BinOp.MUL || b.op() == Expr.BinOp.DIV) && b.right() instanceof Ast.Name n
          && Units.symbol(n.name()).isPresent() -> {
        String l = written(b.left());
        yield l == null ? null : l + b.op().text + n.name();
      }
      default -> null;
    };
  }
}
