package nmc.ir.json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Decls;
import nmc.ir.Dimension;
import nmc.ir.Expr;
import nmc.ir.Ints;
import nmc.ir.IntegrationMethod;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.SynapseModel;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random IR networks for property tests: structurally complete (every record, every sealed variant, nulls where
 * the IR allows them, awkward strings and doubles), not necessarily meaningful as a simulation.
 */
final class RandomIr {
  private final RandomnessSource in;

  private RandomIr(RandomnessSource in) {
    this.in = in;
  }

  static Gen<Network> networks() {
    return in -> new RandomIr(in).network();
  }

  static Gen<Expr> exprs() {
    return in -> new RandomIr(in).expr(4);
  }

  // ---- primitives ----

  int between(int lo, int hi) {
    return (int) in.next(Constraint.between(lo, hi));
  }

  boolean bool() {
    return between(0, 1) == 1;
  }

  long anyLong() {
    return in.next(Constraint.none());
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return options[between(0, options.length - 1)];
  }

  <T> List<T> list(int max, Supplier<T> item) {
    int n = between(0, max);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(item.get());
    return out;
  }

  /** Doubles a printer can get wrong: signed zeros, specials, integers, decimals, extremes and arbitrary bits. */
  double dbl() {
    return switch (between(0, 9)) {
      case 0 -> pick(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1e15, 1e16, 0.1 + 0.2);
      case 1, 2 -> between(-5000, 5000);
      case 3, 4 -> between(-100000, 100000) * 1e-5;
      case 5 -> between(-100000, 100000) * Math.pow(10, between(-30, 30));
      default -> {
        double d = Double.longBitsToDouble(anyLong());
        yield Double.isNaN(d) ? 1.5 : d;
      }
    };
  }

  /** A finite, non-negative double (a duration, a start time ...). */
  double nonNegative() {
    double d = Math.abs(dbl());
    return Double.isFinite(d) ? d : 0.25;
  }

  private static final String CHARS = "abcXYZ_019 .:/\\\"'\n\t\u0001é€µ\u2028";

  String text() {
    int n = between(0, 8);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      switch (between(0, 12)) {
        case 0 -> sb.append("😀"); // a surrogate pair
        case 1 -> sb.append('\uD800'); // a lone surrogate
        default -> sb.append(CHARS.charAt(between(0, CHARS.length() - 1)));
      }
    }
    return sb.toString();
  }

  String name() {
    return pick("exc", "inh", "hh", "input", "p_1", "LIF", "CubaLIF", "ampa", "x") + (bool() ? "" : text());
  }

  Span span() {
    if (bool()) return Span.NONE;
    return new Span(pick("", "cuba.snn", "dir with space/a.snn", "C:\\nets\\x.snn", "lib:std.snn"), between(1, 5000), between(1, 300));
  }

  Dimension dim() {
    return new Dimension(between(-3, 3), between(-2, 2), between(-4, 4), between(-2, 2), between(-1, 1), between(-1, 1), between(-1, 1));
  }

  Vec vec() {
    int n = between(0, 12);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = dbl();
    return new Vec(v);
  }

  Ints ints(int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) v[i] = bool() ? between(0, 4000) : between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    return new Ints(v);
  }

  // ---- expressions ----

  private static final String[] NAMES = {"v", "w", "ge", "gi", "t", "dt", "pre.v", "post.v", "tau_m", "E_L", "I_ext", "x1", "alpha_m"};

  Expr expr(int depth) {
    int choice = depth <= 0 ? between(0, 1) : between(0, 7);
    return switch (choice) {
      case 0 -> new Expr.Num(dbl());
      case 1 -> new Expr.Ref(pick(NAMES));
      case 2 -> new Expr.Unary(pick(Expr.UnOp.values()), expr(depth - 1));
      case 3, 4 -> new Expr.Binary(pick(Expr.BinOp.values()), expr(depth - 1), expr(depth - 1));
      case 5 -> {
        Expr.Fn fn = pick(Expr.Fn.values());
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < fn.arity; i++) args.add(expr(depth - 1));
        yield new Expr.Call(fn, args);
      }
      case 6 -> new Expr.Cond(expr(depth - 1), expr(depth - 1), expr(depth - 1));
      default -> new Expr.Binary(pick(Expr.BinOp.ADD, Expr.BinOp.MUL, Expr.BinOp.POW), new Expr.Ref(pick(NAMES)), new Expr.Num(dbl()));
    };
  }

  Expr exprOrNull() {
    return between(0, 4) == 0 ? null : expr(3);
  }

  // ---- declarations ----

  ValueSpec valueSpec() {
    return switch (between(0, 4)) {
      case 0 -> new ValueSpec.Const(dbl());
      case 1 -> new ValueSpec.Uniform(dbl(), dbl());
      case 2 -> new ValueSpec.Normal(dbl(), dbl());
      case 3 -> new ValueSpec.Values(vec());
      default -> new ValueSpec.Computed(expr(3));
    };
  }

  Decls.Binding binding() {
    return new Decls.Binding(name(), valueSpec());
  }

  Decls.Param param() {
    return new Decls.Param(name(), dim(), text(), expr(2));
  }

  Decls.StateVar stateVar() {
    return new Decls.StateVar(name(), dim(), text(), expr(2));
  }

  Decls.Ode ode() {
    return new Decls.Ode(name(), expr(3), bool());
  }

  Decls.Assign assign() {
    return new Decls.Assign(name(), pick(Decls.AssignOp.values()), expr(2));
  }

  NeuronModel neuronModel() {
    return new NeuronModel(name(), list(3, this::param), list(3, this::stateVar),
        list(2, () -> new Decls.Port(name(), dim(), text())), list(3, this::ode), exprOrNull(), bool(),
        list(2, this::assign), exprOrNull(), pick(IntegrationMethod.values()), span());
  }

  SynapseModel synapseModel() {
    return new SynapseModel(name(), list(2, this::param), dim(), text(), list(2, this::stateVar), list(2, this::stateVar),
        list(2, this::ode), list(2, this::assign), exprOrNull(), bool() ? null : dim(), pick(IntegrationMethod.values()), span());
  }

  Population population() {
    Population.Kind kind = switch (between(0, 2)) {
      case 0 -> new Population.Neurons(name(), list(3, this::binding), list(3, this::binding));
      case 1 -> new Population.Poisson(valueSpec(), nonNegative(), dbl());
      default -> new Population.SpikeTimes(list(3, this::vec));
    };
    return new Population(name(), between(0, 100000), kind, span());
  }

  Connectivity connectivity() {
    return switch (between(0, 5)) {
      case 0 -> new Connectivity.AllToAll(bool());
      case 1 -> new Connectivity.OneToOne();
      case 2 -> new Connectivity.FixedProbability(dbl(), bool());
      case 3 -> new Connectivity.FixedFanIn(between(0, 1000), bool());
      case 4 -> {
        int n = between(0, 10);
        yield new Connectivity.Explicit(ints(n), ints(n));
      }
      default -> new Connectivity.Conv2d(between(1, 64), between(1, 64), between(1, 8), between(1, 16),
          between(1, 7), between(1, 7), between(1, 3), between(0, 3));
    };
  }

  Projection projection() {
    return new Projection(name(), name(), name(), name(), bool() ? "delta" : name(), list(2, this::binding),
        connectivity(), valueSpec(), valueSpec(), pick(Projection.Sign.values()), span());
  }

  CurrentInput current() {
    CurrentInput.Waveform w = bool()
        ? new CurrentInput.Step(valueSpec(), nonNegative(), dbl())
        : new CurrentInput.Ramp(valueSpec(), valueSpec(), nonNegative(), dbl());
    return new CurrentInput(name(), name(), name(), w, span());
  }

  Probe probe() {
    Probe.Kind k = pick(Probe.Kind.values());
    return new Probe(name(), k, name(), k == Probe.Kind.STATE || bool() ? name() : null, ints(between(0, 5)), nonNegative(), span());
  }

  RunSettings run() {
    double dt = Math.abs(dbl());
    if (!(dt > 0) || Double.isInfinite(dt)) dt = 1e-4;
    return new RunSettings(nonNegative(), dt, anyLong());
  }

  Network network() {
    return new Network(name(), list(3, this::neuronModel), list(2, this::synapseModel), list(4, this::population),
        list(4, this::projection), list(2, this::current), list(3, this::probe), run());
  }
}
