package nmc.runtime.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.runtime.Targets;
import nmc.runtime.Text;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * Runs one network on several targets, one after the other, and measures each against a baseline. A target that
 * is not registered, or that refuses the network with a {@link UserError} (no GPU, no compiler, a network it
 * cannot express), becomes an UNAVAILABLE row saying why; one that crashes becomes a FAILED row. Either way the
 * other targets still run.
 *
 * <pre>{@code
 * Comparison c = new Comparer().options(Map.of("loihi", opts)).run(net, List.of("reference", "loihi"), "reference");
 * }</pre>
 */
public final class Comparer {
  /** Told about each target as it starts and ends (the CLI prints progress lines). */
  public interface Listener {
    Listener NONE = new Listener() {};

    default Target.Progress started(String target, long steps) {
      return Target.Progress.NONE;
    }

    /** A target is done; its per-population agreement is computed only when all have run. */
    default void finished(TargetRow row) {}
  }

  private final Function<String, Optional<Target>> lookup;
  private final List<String> registered;
  private Map<String, TargetOptions> options = Map.of();
  private Optional<Classifier> classifier = null; // null: look one up for the network
  private Listener listener = Listener.NONE;

  /** Targets found through the service registry ({@link Targets}). */
  public Comparer() {
    this(Targets.all());
  }

  /** Only the given targets exist (tests, embedding). */
  public Comparer(List<Target> targets) {
    Map<String, Target> byName = new LinkedHashMap<>();
    for (Target t : targets) byName.putIfAbsent(t.name(), t);
    this.lookup = n -> Optional.ofNullable(byName.get(n));
    this.registered = List.copyOf(byName.keySet());
  }

  /** Target-specific options by target name; targets not named get none. */
  public Comparer options(Map<String, TargetOptions> byTarget) {
    this.options = Map.copyOf(byTarget);
    return this;
  }

  /** Use this classifier (or none, with {@code Optional.empty()}) instead of looking one up. */
  public Comparer classifier(Optional<Classifier> c) {
    this.classifier = c;
    return this;
  }

  public Comparer listener(Listener l) {
    this.listener = l;
    return this;
  }

  /** The names of the targets this comparer can find. */
  public List<String> registered() {
    return registered;
  }

  /**
   * Runs {@code net} on every target of {@code targets} (duplicates dropped) and on {@code baseline}, which goes
   * first when the list does not name it.
   */
  public Comparison run(Network net, List<String> targets, String baseline) {
    LinkedHashSet<String> order = new LinkedHashSet<>();
    if (!targets.contains(baseline)) order.add(baseline);
    order.addAll(targets);
    SpikeProbes probes = SpikeProbes.of(net);
    Network run = probes.network();
    Optional<Classifier> cls = classifier != null ? classifier : Classifier.forNetwork(net);
    int inferences = cls.map(c -> c.inferences(net)).orElse(1);

    Map<String, SimResult> results = new LinkedHashMap<>();
    List<TargetRow> pending = new ArrayList<>();
    for (String name : order) {
      TargetRow row = runOne(name, run, probes, cls, inferences);
      if (row.available()) results.put(name, row.result());
      listener.finished(row);
      pending.add(row);
    }
    // Agreement needs the baseline's result, which may come from any position in the list.
    SimResult base = results.get(baseline);
    List<TargetRow> rows = new ArrayList<>();
    for (TargetRow r : pending) {
      SimResult against = r.target().equals(baseline) ? null : base;
      rows.add(r.available() ? r.withPopulations(populations(probes, run, r.result(), against)) : r);
    }
    return new Comparison(run, probes, baseline, cls.map(Classifier::name), inferences, rows);
  }

  private TargetRow runOne(String name, Network net, SpikeProbes probes, Optional<Classifier> cls, int inferences) {
    Optional<Target> found = lookup.apply(name);
    if (found.isEmpty()) return TargetRow.unavailable(name, notRegistered(name));
    Target t = found.get();
    SimResult r;
    try {
      r = t.run(net, options.getOrDefault(name, TargetOptions.NONE), listener.started(name, net.run().steps()));
    } catch (UserError e) {
      return TargetRow.unavailable(name, describe(e));
    } catch (OutOfMemoryError e) {
      return TargetRow.unavailable(name, "the network did not fit in memory (the Java heap is "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return TargetRow.failed(name, "internal error in target " + name + ": " + e, e);
    }
    if (r == null) return TargetRow.failed(name, "internal error: target " + name + " returned no result", null);
    try { // a result that contradicts the network is a bug of that target, found before agreement needs it
      for (Population p : net.populations()) probes.counts(r, p.name(), p.size());
    } catch (IllegalStateException e) {
      return TargetRow.failed(name, "internal error: " + e.getMessage(), e);
    }
    double accuracy = cls.map(c -> c.accuracy(net, r)).orElse(Double.NaN);
    return new TargetRow(name, TargetRow.Status.OK, null, r, null, List.of(), TargetRow.Figures.of(r, inferences, accuracy));
  }

  private String notRegistered(String name) {
    String guess = Text.nearest(name, registered).map(n -> "; did you mean '" + n + "'?").orElse("");
    return "no target named " + name + " in this build" + guess
        + (registered.isEmpty() ? "" : " (registered: " + String.join(", ", registered) + ")");
  }

  /** A user error as one line: {@code file:line:col: message (hint: ...)} for each diagnostic. */
  static String describe(UserError e) {
    return e.diagnostics().stream().map(Comparer::describe).collect(Collectors.joining("; "));
  }

  private static String describe(Diagnostic d) {
    String where = d.span().isNone() ? "" : d.span() + ": ";
    return where + d.message() + (d.hint().isEmpty() ? "" : " (hint: " + d.hint() + ")");
  }

  /** Per-population figures of {@code r}, against {@code base} (null for the baseline itself or when it did not run). */
  static List<TargetRow.PopulationFigures> populations(SpikeProbes probes, Network net, SimResult r, SimResult base) {
    double duration = Comparison.duration(r);
    List<TargetRow.PopulationFigures> out = new ArrayList<>();
    for (Population p : net.populations()) {
      long spikes = stats(r, p.name());
      double rate = spikes < 0 || p.size() == 0 ? Double.NaN : spikes / (p.size() * duration);
      double corr = Double.NaN, diff = Double.NaN;
      if (base != null) {
        diff = Agreement.rateDifferenceHz(spikes, stats(base, p.name()), p.size(), duration);
        long[] a = probes.counts(base, p.name(), p.size()), b = probes.counts(r, p.name(), p.size());
        if (a != null && b != null) corr = Agreement.correlation(a, b);
      }
      out.add(new TargetRow.PopulationFigures(p.name(), p.size(), spikes, rate, corr, diff));
    }
    return out;
  }

  private static long stats(SimResult r, String population) {
    return r.populations().stream().filter(s -> s.name().equals(population)).mapToLong(SimResult.PopulationStats::spikes)
        .findFirst().orElse(-1);
  }
}
