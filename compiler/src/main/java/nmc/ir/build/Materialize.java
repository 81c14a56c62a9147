package nmc.ir.build;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Decls.Binding;
import nmc.ir.Decls.Param;
import nmc.ir.Decls.StateVar;
import nmc.ir.Eval;
import nmc.ir.Expr;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.SynapseModel;
import nmc.ir.Span;
import nmc.ir.Symbolic;
import nmc.ir.ValueSpec;

/**
 * Turns the per-neuron bindings of the IR into plain {@code double[]} arrays, the same numbers for every target.
 *
 * <p>Random draws: {@code Rng.stream("init/" + population + "/" + name)} with the neuron index as counter, for
 * parameters and initial values alike (Uniform: {@code low + (high - low) * Rng.uniform}, Normal:
 * {@code mean + sd * Rng.normal}). A {@code Computed} binding is evaluated per neuron with that neuron's parameter
 * values (and, for initial values, the state variables declared earlier); when everything it uses is the same
 * for all neurons it is evaluated once.
 */
public final class Materialize {
  private Materialize() {}

  /** Parameter and initial-state arrays of one population, in the model's declaration order. */
  public record NeuronValues(Map<String, double[]> parameters, Map<String, double[]> state) {}

  /** Arrays for a neuron population of {@code net}, with the run's seed and time step. */
  public static NeuronValues neurons(Network net, Population pop) {
    return neurons(pop, net.modelOf(pop), net.run().seed(), net.run().dt());
  }

  /**
   * Arrays for neuron population {@code pop} of model {@code model}. A parameter or state variable without a
   * binding takes the model's default (an expression of earlier names). {@code dt} may appear in expressions.
   */
  public static NeuronValues neurons(Population pop, NeuronModel model, long seed, double dt) {
    if (!(pop.kind() instanceof Population.Neurons n)) throw new IllegalArgumentException(pop.name() + " is a spike source");
    checkBindings(pop, model, n);
    Map<String, double[]> known = new LinkedHashMap<>();
    Set<String> uniform = new HashSet<>();
    known.put("dt", filled(pop.size(), dt));
    known.put("t", filled(pop.size(), 0));
    uniform.add("dt");
    uniform.add("t");
    Map<String, double[]> params = new LinkedHashMap<>();
    for (Param p : model.parameters()) {
      ValueSpec spec = n.parameter(p.name()).orElse(new ValueSpec.Computed(p.value()));
      double[] v = draw(spec, pop, p.name(), seed, known, uniform, "parameter");
      params.put(p.name(), v);
      known.put(p.name(), v);
    }
    Map<String, double[]> state = new LinkedHashMap<>();
    for (StateVar s : model.state()) {
      ValueSpec spec = n.initialValue(s.name()).orElse(new ValueSpec.Computed(s.initial()));
      double[] v = draw(spec, pop, s.name(), seed, known, uniform, "initial value");
      state.put(s.name(), v);
      known.put(s.name(), v);
    }
    return new NeuronValues(params, state);
  }

  /** Per-source rates (Hz) of a Poisson population, drawn from stream {@code "init/" + pop + "/rate"}. */
  public static double[] rates(Population pop, long seed) {
    if (!(pop.kind() instanceof Population.Poisson p)) throw new IllegalArgumentException(pop.name() + " is not a Poisson source");
    double[] r = values(p.rate(), pop.size(), seed, "init/" + pop.name() + "/rate", pop.span(), "rate of " + pop.name());
    for (int i = 0; i < r.length; i++) {
      if (!(r[i] >= 0)) throw error(pop.span(), "Poisson source " + pop.name() + "[" + i + "] has rate " + r[i] + " Hz",
          "rates must be zero or positive");
    }
    return r;
  }

  /**
   * {@code n} values of a spec that may not refer to any name (weights, delays, input amplitudes, synapse
   * parameters): Const, Uniform and Normal (counter = element index), Values (length must be {@code n}) and
   * Computed of constants.
   */
  public static double[] values(ValueSpec spec, int n, long seed, String stream, Span span, String what) {
    return switch (spec) {
      case ValueSpec.Const c -> filled(n, c.value());
      case ValueSpec.Computed c -> filled(n, constant(c.expr(), span, what));
      case ValueSpec.Values v -> {
        if (v.values().size() != n) throw error(span, what + " lists " + v.values().size() + " values but needs " + n,
            "give exactly one value per element, or a single value or distribution");
        yield v.values().toArray();
      }
      case ValueSpec.Uniform u -> {
        long s = Rng.stream(stream);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = uniform(u, seed, s, i);
        yield out;
      }
      case ValueSpec.Normal g -> {
        long s = Rng.stream(stream);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = normal(g, seed, s, i);
        yield out;
      }
    };
  }

  /**
   * The synapse parameters of a projection, one number each: the projection's value, else the model's default
   * (an expression of earlier parameters and {@code dt}). Per-element values are refused: every target takes one
   * value per projection.
   */
  public static Map<String, Double> synapseParameters(Projection proj, SynapseModel model, double dt) {
    Span span = proj.span();
    for (Binding b : proj.synapseParameters()) {
      if (model.parameters().stream().noneMatch(p -> p.name().equals(b.name()))) {
        throw error(span, "projection " + proj.name() + " sets '" + b.name() + "', which is not a parameter of synapse " + model.name(), "");
      }
    }
    Map<String, Double> params = new LinkedHashMap<>();
    for (Param p : model.parameters()) {
      ValueSpec spec = proj.synapseParameters().stream().filter(b -> b.name().equals(p.name())).map(Binding::value).findFirst().orElse(null);
      double v;
      if (spec == null) {
        v = Eval.eval(p.value(), n -> {
          if (n.equals("dt")) return dt;
          Double d = params.get(n);
          if (d == null) throw error(span, "the default of synapse parameter " + p.name() + " uses '" + n + "'", "defaults may use earlier parameters");
          return d;
        });
      } else {
        Double d = uniformValue(spec);
        if (d == null) throw error(span, "projection " + proj.name() + " gives synapse parameter " + p.name() + " a value per element",
            "synapse parameters take one value per projection");
        v = d;
      }
      params.put(p.name(), v);
    }
    return params;
  }

  /** The value of a spec that must be one number (Const, or Computed of constants); {@code null} otherwise. */
  public static Double uniformValue(ValueSpec spec) {
    return switch (spec) {
      case ValueSpec.Const c -> c.value();
      case ValueSpec.Computed c -> Symbolic.names(c.expr()).isEmpty() ? Eval.eval(c.expr(), x -> 0) : null;
      default -> null;
    };
  }

  /** Element {@code i} of a Uniform draw, as every target computes it. */
  public static double uniform(ValueSpec.Uniform u, long seed, long stream, long i) {
    return u.low() + (u.high() - u.low()) * Rng.uniform(seed, stream, i);
  }

  /** Element {@code i} of a Normal draw, as every target computes it. */
  public static double normal(ValueSpec.Normal g, long seed, long stream, long i) {
    return g.mean() + g.sd() * Rng.normal(seed, stream, i);
  }

  /** Evaluates an expression that may only hold numbers. */
  public static double constant(Expr e, Span span, String what) {
    Set<String> names = Symbolic.names(e);
    if (!names.isEmpty()) {
      throw error(span, what + " uses '" + names.iterator().next() + "' but may only hold numbers",
          "write the value as a number with a unit, or a distribution");
    }
    return Eval.eval(e, x -> 0);
  }

  private static double[] draw(ValueSpec spec, Population pop, String name, long seed, Map<String, double[]> known,
      Set<String> uniform, String what) {
    int n = pop.size();
    String label = what + " of " + name + " in population " + pop.name();
    if (!(spec instanceof ValueSpec.Computed c)) {
      double[] v = values(spec, n, seed, "init/" + pop.name() + "/" + name, pop.span(), label);
      if (spec instanceof ValueSpec.Const) uniform.add(name);
      return v;
    }
    Set<String> used = Symbolic.names(c.expr());
    for (String u : used) {
      if (!known.containsKey(u)) {
        throw error(pop.span(), label + " uses '" + u + "', which is not a parameter or an earlier state variable",
            "an initial value may use the model's parameters and the state variables declared before it");
      }
    }
    double[] out = new double[n];
    if (uniform.containsAll(used)) {
      if (n > 0) java.util.Arrays.fill(out, Eval.eval(c.expr(), x -> known.get(x)[0]));
      uniform.add(name);
      return out;
    }
    int[] at = new int[1];
    for (int i = 0; i < n; i++) {
      at[0] = i;
      out[i] = Eval.eval(c.expr(), x -> known.get(x)[at[0]]);
    }
    return out;
  }

  private static void checkBindings(Population pop, NeuronModel model, Population.Neurons n) {
    for (Binding b : n.parameters()) {
      if (model.parameter(b.name()).isEmpty()) {
        throw error(pop.span(), "population " + pop.name() + " sets '" + b.name() + "', which is not a parameter of " + model.name(),
            "parameters of " + model.name() + ": " + String.join(", ", model.parameters().stream().map(Param::name).toList()));
      }
    }
    for (Binding b : n.initial()) {
      if (model.stateVar(b.name()).isEmpty()) {
        throw error(pop.span(), "population " + pop.name() + " sets the initial value of '" + b.name()
            + "', which is not a state variable of " + model.name(),
            "state variables of " + model.name() + ": " + String.join(", ", model.state().stream().map(StateVar::name).toList()));
      }
    }
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    if (v != 0) java.util.Arrays.fill(a, v);
    return a;
  }

  static UserError error(Span span, String message, String hint) {
    return new UserError(List.of(Diagnostic.error(span, message, hint, "")));
  }
}
