package nmc.map;

import java.util.Locale;

/** The text of {@code --emit quantisation} and {@code --emit mapping}. */
public final class Reports {
  private Reports() {}

  /** Per population: scale, threshold, decays, bias, refractory; per projection: format and weight errors; notes. */
  public static String quantisation(ChipMapping m, double dt) {
    StringBuilder sb = new StringBuilder();
    ChipLimits lim = m.limits();
    sb.append(f("quantisation for chip '%s' (weight exponent %s)%n%n", lim.name(), lim.numbers().weightExponentOnSum() ? "on the sum" : "per synapse"));
    for (Quantiser.PopulationQ pq : m.quantisation().populations().values()) {
      LifForm form = m.forms().populations().get(pq.name());
      Quantiser.Errors e = pq.errors();
      int n = form.size();
      sb.append(f("population %s (%d neurons): scale %.6g chip units per volt of v above reset%n", pq.name(), n, pq.scale()));
      if (n == 0) continue;
      sb.append(f("  threshold      %.6g mV above reset -> mantissa %d (x 2^%d)   worst error %s%n", form.threshold()[0] * 1e3,
          pq.thresholdMantissa()[0], lim.numbers().thresholdShift(), pct(e.thresholdWorst())));
      if (e.tauVAsked() > 0) {
        sb.append(f("  v decay        tau %.6g ms -> dv %d: the chip's tau is %.6g ms          error %s%n", e.tauVAsked() * 1e3, pq.dv()[0],
            e.tauVChip() * 1e3, pct(e.tauVWorst())));
      } else {
        sb.append(f("  v decay        none (perfect integrator) -> dv %d%n", pq.dv()[0]));
      }
      if (form.usesU()) {
        sb.append(f("  current decay  tau %.6g ms -> du %d: the chip's tau is %.6g ms          error %s%n", e.tauUAsked() * 1e3, pq.du()[0],
            e.tauUChip() * 1e3, pct(e.tauUWorst())));
      } else {
        sb.append(f("  current decay  none (inputs jump v) -> du %d%n", pq.du()[0]));
      }
      sb.append(f("  bias           mantissa %d x 2^%d (neuron 0)                       worst error %s%n", pq.biasMantissa()[0], pq.biasExponent()[0],
          pct(e.biasWorst())));
      sb.append(f("  refractory     %d steps -> refractory delay %d                      exact%n", form.refractorySteps()[0], pq.refractDelay()[0]));
    }
    sb.append(f("%n%-16s %-44s %10s %11s %11s %8s%n", "projection", "format", "weights", "worst err", "mean err", "zeroed"));
    for (Quantiser.ProjectionQ pq : m.quantisation().projections()) {
      sb.append(f("%-16s %-44s %,10d %11s %11s %,8d%n", pq.projection().name(), pq.format(), pq.count(), pct(pq.worst()), pct(pq.mean()), pq.zeroed()));
    }
    sb.append(f("%nDelays are whole steps (exact). Relative errors compare the chip's integer with the ideal value at the chosen scale.%n"));
    if (!m.forms().notes().isEmpty()) {
      sb.append(f("%nApproximations:%n"));
      for (String note : m.forms().notes()) sb.append("  - ").append(note).append('\n');
    }
    return sb.toString();
  }

  /** Cores used, per-core utilisation, synapses, traffic and a picture of the mesh. */
  public static String mapping(ChipMapping m, String network) {
    ChipLimits lim = m.limits();
    ChipLimits.Mesh mesh = lim.mesh();
    ChipLimits.Core c = lim.core();
    StringBuilder sb = new StringBuilder();
    sb.append(f("mapping of '%s' onto chip '%s' (%s), a %dx%d board of %d cores%n", network, lim.name(), lim.origin(), mesh.chipsX(), mesh.chipsY(), mesh.cores()));
    sb.append(f("cores used: %d of %d on %d chip%s%n", m.coresUsed(), mesh.cores(), m.chipsUsed(), m.chipsUsed() == 1 ? "" : "s"));
    long syn = m.cores().stream().mapToLong(x -> x.usage().synapses()).sum();
    sb.append(f("synapses: %,d; messages per spike: %.3f; expected hops per spike: %.3f (XY routing)%n", syn, m.messagesPerSpike(), m.hopsPerSpike()));
    sb.append(f("placement cost (edges x hops, chip crossings x %d): greedy %.0f, after annealing %.0f%n%n", Placer.CHIP_HOP_WEIGHT,
        m.placement().greedyCost(), m.placement().cost()));
    sb.append(f("%5s %6s %9s  %-17s %-17s %-19s %-17s %10s%n", "core", "phys", "tile", "compartments", "input axons", "synapse words", "output axons", "synapses"));
    for (int k = 0; k < m.cores().size(); k++) {
      ChipMapping.CoreMap cm = m.cores().get(k);
      Partitioner.Usage u = cm.usage();
      int[] xy = Placer.coords(mesh, cm.physical());
      sb.append(f("%5d %6d %9s  %-17s %-17s %-19s %-17s %,10d%n", k, cm.physical(), "(" + xy[0] + "," + xy[1] + ")",
          use(u.compartments(), c.compartments()), use(u.inputAxons(), c.inputAxons()), use(u.words(), c.synapseMemoryWords()),
          use(u.outputAxons(), c.outputAxons()), u.synapses()));
    }
    sb.append(f("%nPopulations:%n"));
    for (int p = 0; p < m.populations().size(); p++) {
      String name = m.populations().get(p);
      int size = m.popOffset()[p + 1] - m.popOffset()[p];
      if (m.popSource()[p]) {
        sb.append(f("  %-12s %,8d spike sources, injected by the host%n", name, size));
        continue;
      }
      java.util.TreeSet<Integer> cores = new java.util.TreeSet<>();
      for (int i = 0; i < size; i++) cores.add(m.coreOf(p, i));
      sb.append(f("  %-12s %,8d neurons on cores %s%n", name, size, ranges(cores)));
    }
    sb.append(f("%nMesh (tiles; digits: cores used in the tile, '.' none):%n"));
    int w = mesh.tilesX() * mesh.chipsX(), h = mesh.tilesY() * mesh.chipsY();
    int[][] count = new int[h][w];
    for (ChipMapping.CoreMap cm : m.cores()) {
      int[] xy = Placer.coords(mesh, cm.physical());
      count[xy[1]][xy[0]]++;
    }
    for (int y = 0; y < h; y++) {
      sb.append("  ");
      for (int x = 0; x < w; x++) {
        if (x > 0 && x % mesh.tilesX() == 0) sb.append('|');
        sb.append(count[y][x] == 0 ? '.' : Character.forDigit(Math.min(count[y][x], 35), 36));
      }
      sb.append('\n');
      if ((y + 1) % mesh.tilesY() == 0 && y + 1 < h) sb.append("  ").append("-".repeat(w + mesh.chipsX() - 1)).append('\n');
    }
    return sb.toString();
  }

  private static String ranges(java.util.SortedSet<Integer> s) {
    StringBuilder sb = new StringBuilder();
    Integer start = null, prev = null;
    for (int x : s) {
      if (prev != null && x == prev + 1) {
        prev = x;
        continue;
      }
      if (start != null) sb.append(sb.length() > 0 ? ", " : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
      start = x;
      prev = x;
    }
    if (start != null) sb.append(sb.length() > 0 ? ", " : "").append(start.equals(prev) ? "" + start : start + "-" + prev);
    return sb.toString();
  }

  private static String use(long used, long limit) {
    return f("%d (%.1f%%)", used, 100.0 * used / limit);
  }

  static String pct(double x) {
    return f("%.4f%%", 100 * x);
  }

  private static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }
}
