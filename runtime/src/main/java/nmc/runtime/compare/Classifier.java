package nmc.runtime.compare;

import java.util.Optional;
import java.util.ServiceLoader;
import nmc.ir.Network;
import nmc.sim.SimResult;

/**
 * The hook for networks that classify: when one applies to a network, compare reports each target's
 * classification accuracy and divides energy by the number of samples a run presents (energy per inference).
 * Implementations register with {@link ServiceLoader} ({@code META-INF/services/nmc.runtime.compare.Classifier}),
 * so the command line needs no change when one is added.
 */
public interface Classifier {
  /** Short name for the report, e.g. {@code mnist-readout}. */
  String name();

  /** Whether this classifier knows how to read {@code net}'s output (e.g. by its output population's name). */
  boolean appliesTo(Network net);

  /** Samples presented in one run of {@code net}; energy per inference is the run's energy divided by this. */
  int inferences(Network net);

  /** Fraction of samples classified correctly in {@code result}, in [0, 1]. */
  double accuracy(Network net, SimResult result);

  /** The first registered classifier that applies to {@code net}. */
  static Optional<Classifier> forNetwork(Network net) {
    for (Classifier c : ServiceLoader.load(Classifier.class)) if (c.appliesTo(net)) return Optional.of(c);
    return Optional.empty();
  }
}
