package nmc.ir;

/**
 * How a per-neuron (or per-synapse) value is drawn: a constant, a distribution sampled with the run's seed, an
 * explicit array, or an expression of the model's parameters evaluated per neuron.
 */
public sealed interface ValueSpec {
  record Const(double value) implements ValueSpec {}

  /** Uniform on [low, high). */
  record Uniform(double low, double high) implements ValueSpec {}

  record Normal(double mean, double sd) implements ValueSpec {}

  /** One value per element, in order. */
  record Values(Vec values) implements ValueSpec {}

  /** An expression of the model's parameters (e.g. {@code v = E_L}), evaluated per neuron. */
  record Computed(Expr expr) implements ValueSpec {}

  static ValueSpec of(double v) {
    return new Const(v);
  }
}
