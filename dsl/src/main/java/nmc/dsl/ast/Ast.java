package nmc.dsl.ast;

import java.util.List;
import nmc.dsl.SourceFile;
import nmc.ir.Decls;
import nmc.ir.Expr;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.Span;

/**
 * The syntax tree of one source file, as written (units not yet applied, names not yet resolved). Every node
 * keeps the {@link Span} a diagnostic about it points at.
 */
public final class Ast {
  private Ast() {}

  public record Program(SourceFile source, List<Decl> decls) {}

  // ---- expressions ----

  public sealed interface Ex {
    /** Where the expression starts. */
    Span span();
  }

  /** A plain number as written ({@code text} keeps the digits for hints). */
  public record Lit(double value, String text, Span span) implements Ex {}

  /** A value followed by a unit symbol: {@code 20 ms}, {@code (60 * 0.27 / 10) mV}, {@code [1, 2] nA}. */
  public record Quant(Ex value, String unit, Span unitSpan, Span span) implements Ex {}

  /** A name, possibly dotted ({@code pre.v}). */
  public record Name(String name, Span span) implements Ex {}

  public record Un(Expr.UnOp op, Ex operand, Span span) implements Ex {}

  /** {@code span} is where the left operand starts, {@code opSpan} the operator (carets for mismatches). */
  public record Bin(Expr.BinOp op, Ex left, Ex right, Span span, Span opSpan) implements Ex {}

  public record Call(String fn, List<Arg> args, Span span) implements Ex {}

  public record Arr(List<Ex> items, Span span) implements Ex {}

  public record Cond(Ex cond, Ex then, Ex otherwise, Span span) implements Ex {}

  /** A shape {@code 28 x 28 x 1}; only an argument can be one. */
  public record Dims(List<Double> sizes, Span span) implements Ex {}

  /** An argument: positional ({@code name} null), named, or one of the time bounds {@code from T}, {@code to T}. */
  public record Arg(ArgKind kind, String name, Ex value, Span span) {}

  public enum ArgKind {
    POSITIONAL, NAMED, FROM, TO
  }

  // ---- top-level declarations ----

  public sealed interface Decl {
    Span span();
  }

  public record Import(String path, Span span, Span pathSpan) implements Decl {}

  public record Model(boolean synapse, String name, Span span, Span nameSpan, List<Item> items) implements Decl {}

  public record PopulationDecl(String name, Span span, Span nameSpan, double size, String sizeText, Span sizeSpan,
      String model, Span modelSpan, List<Arg> args) implements Decl {}

  public record ProjectionDecl(String name, Span span, Span nameSpan, String pre, Span preSpan, String post,
      Span postSpan, String port, Span portSpan, List<ProjItem> items) implements Decl {}

  public record CurrentDecl(String name, Span span, Span nameSpan, String population, Span populationSpan,
      String port, Span portSpan, Ex value) implements Decl {}

  /** {@code variable} is null except for state probes; {@code selector} null means all; {@code bin} null: default. */
  public record ProbeDecl(Probe.Kind kind, String population, Span populationSpan, String variable,
      Span variableSpan, List<IndexRange> selector, Ex bin, Span span) implements Decl {}

  /** {@code from..to} inclusive, or a single index when {@code to} is null. */
  public record IndexRange(String from, String to, Span span) {}

  public record RunDecl(List<Setting> settings, Span span) implements Decl {}

  public record Setting(String name, Span span, Ex value) {}

  // ---- ANN models (docs/ann.md) ----

  /** {@code ann name { input ...; layers ...; train { ... } }}. */
  public record AnnDecl(String name, Span span, Span nameSpan, List<AnnItem> items) implements Decl {}

  public sealed interface AnnItem {
    Span span();
  }

  /** {@code input 28 x 28 x 1} (height x width x channels) or {@code input 4}. */
  public record AnnInput(List<Double> dims, Span span) implements AnnItem {}

  /** A layer: {@code relu}, {@code dense(784 -> 128)}, {@code conv2d(1 -> 16, kernel = 3 x 3)}. */
  public record AnnLayer(String name, Span nameSpan, List<AnnArg> args, Span span) implements AnnItem {}

  public record AnnTrain(List<AnnSetting> settings, Span span) implements AnnItem {}

  public record AnnSetting(String name, Span span, AnnVal value) {}

  /** {@code name} is null for a positional argument. */
  public record AnnArg(String name, AnnVal value, Span span) {}

  /** A value in an ANN block: an arrow {@code 784 -> 128}, a string, a shape, a call, or an expression. */
  public sealed interface AnnVal {
    Span span();
  }

  public record AnnArrow(Ex from, Ex to, Span span) implements AnnVal {}

  public record AnnStr(String value, Span span) implements AnnVal {}

  public record AnnDims(Dims dims, Span span) implements AnnVal {}

  public record AnnCall(String name, List<AnnArg> args, Span span) implements AnnVal {}

  public record AnnEx(Ex ex, Span span) implements AnnVal {}

  // ---- items of neuron and synapse models ----

  public sealed interface Item {
    Span span();
  }

  public record Params(List<VarDecl> vars, Span span) implements Item {}

  public record State(boolean pre, List<VarDecl> vars, Span span) implements Item {}

  public record Inputs(List<PortDecl> ports, Span span) implements Item {}

  public record Equations(List<Eq> equations, Span span) implements Item {}

  public record Spike(Ex condition, boolean rising, Span span) implements Item {}

  public record Reset(List<Assignment> assignments, Span span) implements Item {}

  public record OnPre(List<Assignment> assignments, Span span) implements Item {}

  public record Refractory(Ex value, Span span) implements Item {}

  public record Method(String name, Span nameSpan, Span span) implements Item {}

  public record WeightDim(Ex unit, Span span) implements Item {}

  public record Current(Ex value, Span span) implements Item {}

  /** {@code name [: unit] = value} in parameters and state blocks. */
  public record VarDecl(String name, Span span, Ex unit, Ex value) {}

  public record PortDecl(String name, Span span, Ex unit) {}

  public sealed interface Eq {
    Span span();
  }

  public record Let(String name, Span span, Ex value) implements Eq {}

  /** {@code d<var>/<dt> = rhs}: {@code lhs} and {@code dt} are the two words as written, checked later. */
  public record Ode(String lhs, String dt, Span span, Span dtSpan, Ex rhs, boolean unlessRefractory) implements Eq {}

  public record Assignment(String target, Span span, Decls.AssignOp op, Ex value) {}

  // ---- items of projections ----

  public sealed interface ProjItem {
    Span span();
  }

  public record Connect(String rule, Span ruleSpan, List<Arg> args, Span span) implements ProjItem {}

  public record SynapseRef(String name, Span nameSpan, List<Arg> args, Span span) implements ProjItem {}

  public record Weight(Ex value, Span span) implements ProjItem {}

  public record Delay(Ex value, Span span) implements ProjItem {}

  public record SignItem(Projection.Sign sign, Span span) implements ProjItem {}
}
