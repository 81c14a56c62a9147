package nmc.map.truenorth;

import java.util.Locale;
import java.util.TreeSet;

/** The text of {@code --emit mapping} for the {@code truenorth} target. */
public final class TnReport {
  private TnReport() {}

  public static String mapping(TnMapping m, String network, double dt) {
    TnLimits lim = m.limits();
    StringBuilder sb = new StringBuilder();
    sb.append(f("mapping of '%s' onto chip '%s' (%s), a %dx%d board of %d cores%n", network, lim.name(), lim.origin(), lim.chipsX(), lim.chipsY(), lim.cores()));
    sb.append(f("time: one IR step (%s) per %s tick; chip latency = steps x tick%n", nmc.map.ChipErrors.ms(dt), nmc.map.ChipErrors.ms(lim.tickSeconds())));
    int neuronCores = m.coresUsed() - m.splitterCores();
    sb.append(f("cores used: %d (%d neuron cores + %d splitter cores, %d splitter neurons) on %d chip%s%n", m.coresUsed(), neuronCores,
        m.splitterCores(), m.splitterNeurons(), m.chipsUsed(), m.chipsUsed() == 1 ? "" : "s"));
    sb.append(f("fan-out: %d routes, splitter levels at most %d; added latency: %s%n", m.routes(), m.splitterDepthMax(),
        m.addedLatencyMax() == 0 ? "none (every level's tick taken from the programmed delay)"
            : f("%d routes late by up to %d tick(s)", m.routesLate(), m.addedLatencyMax())));
    long syn = m.cores().stream().mapToLong(c -> c.synNeuron().length).sum();
    sb.append(f("crossbar bits (synapses): %,d%n%n", syn));
    sb.append(f("%5s %6s %-9s %-14s %-14s %10s%n", "core", "phys", "kind", "neurons", "axons", "synapses"));
    for (int k = 0; k < m.cores().size(); k++) {
      TnMapping.Core c = m.cores().get(k);
      sb.append(f("%5d %6d %-9s %-14s %-14s %,10d%n", k, c.physical(), c.splitter() ? "splitter" : "neurons", use(c.neurons(), 256),
          use(c.axons(), 256), c.synNeuron().length));
    }
    sb.append(f("%nPopulations (v = V / scale + reset; leak per tick; threshold alpha):%n"));
    for (int p = 0; p < m.names().size(); p++) {
      String name = m.names().get(p);
      int size = m.popOffset()[p + 1] - m.popOffset()[p];
      if (m.popSource()[p]) {
        sb.append(f("  %-12s %,6d spike sources, injected by the host%n", name, size));
        continue;
      }
      TreeSet<Integer> cores = new TreeSet<>();
      for (int i = 0; i < size; i++) cores.add(m.coreOf()[m.popOffset()[p] + i]);
      TnMapping.PopulationQ q = m.populations().get(name);
      sb.append(f("  %-12s %,6d neurons on cores %s; scale %.6g units/mV, alpha %d, leak %d%s%n", name, size, cores, q.scale() * 1e-3,
          size == 0 ? 0 : q.threshold()[0], size == 0 ? 0 : q.leak()[0], q.leakReversal() ? " towards the reset" : ""));
    }
    sb.append(f("%nWeights (4 axon types per core, per-neuron signed 9-bit weights; errors against the ideal weight):%n"));
    sb.append(f("  %-16s %10s %11s %11s %8s %12s%n", "projection", "synapses", "worst err", "mean err", "zeroed", "delay ticks"));
    for (TnMapping.ProjectionQ q : m.projections()) {
      sb.append(f("  %-16s %,10d %11s %11s %,8d %12d%n", q.name(), q.count(), pct(q.worst()), pct(q.mean()), q.zeroed(), q.maxDelayTicks()));
    }
    if (!m.notes().isEmpty()) {
      sb.append(f("%nApproximations and notes:%n"));
      for (String n : m.notes()) sb.append("  - ").append(n).append('\n');
    }
    return sb.toString();
  }

  private static String use(long used, long limit) {
    return f("%d (%.0f%%)", used, 100.0 * used / limit);
  }

  private static String pct(double x) {
    return f("%.3f%%", 100 * x);
  }

  private static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }
}
