package nmc.runtime.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nmc.runtime.io.Numbers;

/** The text that {@code nmc compare} prints: one line per target, then spikes and agreement per population. */
public final class CompareTable {
  private CompareTable() {}

  public static String render(Comparison c) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %s ms in %,d steps of %s ms, seed %d; agreement against %s%n%n",
        c.network().name(), Numbers.value(c.duration() * 1e3), c.steps(), Numbers.value(c.network().run().dt() * 1e3),
        c.network().run().seed(), c.baseline()));
    boolean accuracy = c.classifier().isPresent();
    List<String> head = new ArrayList<>(List.of("target", "cores", "spikes", "min r", "max |rate diff|",
        "latency/step", "latency", "energy", accuracy ? "E/inference" : "E/run", "EDP", "wall"));
    if (accuracy) head.add("accuracy");
    List<List<String>> lines = new ArrayList<>();
    for (TargetRow r : c.rows()) {
      if (!r.available()) { // two cells: the name and why it did not run, across the other columns
        lines.add(List.of(r.target(), r.status().label() + ": " + r.reason()));
        continue;
      }
      TargetRow.Figures f = r.figures();
      boolean isBase = r.target().equals(c.baseline());
      List<String> cells = new ArrayList<>(List.of(r.target(), cores(f), Si.count(r.totalSpikes()),
          isBase ? "(base)" : Si.plain(r.minCorrelation(), 3),
          isBase ? "(base)" : Si.format(r.maxAbsRateDifferenceHz(), "Hz"),
          Si.format(f.latencyPerStepS(), "s"), Si.format(f.latencyS(), "s"), energy(f),
          Si.format(f.energyPerInferenceJ(), "J"), Si.format(f.edpJs(), "J s"), Si.format(f.wallS(), "s")));
      if (accuracy) cells.add(Double.isNaN(f.accuracy()) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * f.accuracy()));
      lines.add(cells);
    }
    int[] w = widths(head, lines);
    sb.append(line(head, w));
    for (List<String> l : lines) sb.append(l.size() == 2 ? "  " + pad(l.get(0), w[0]) + "  " + l.get(1) + "\n" : line(l, w));
    populations(c, sb);
    sb.append(String.format(Locale.ROOT, "%n  min r: lowest spike-count correlation across neurons of a population, against %s;"
        + " max |rate diff|: largest population rate difference;%n  latency and energy as the target reports them"
        + " (energy source in brackets); EDP = energy x latency; wall: the target's own run time.%n", c.baseline()));
    for (TargetRow r : c.rows()) {
      if (r.available() && r.result() != null && r.result().metrics().getOrDefault("emulated", 0.0) == 1.0) {
        sb.append("  ").append(r.target()).append(" ran on an emulation of its device on this CPU: its wall time is not the device's.\n");
      }
    }
    if (!c.probes().added().isEmpty()) {
      sb.append("  compare added spike probes on: ").append(String.join(", ", c.probes().added())).append('\n');
    }
    return sb.toString();
  }

  /** Spike count of every population on every target that ran, with agreement against the baseline. */
  private static void populations(Comparison c, StringBuilder sb) {
    List<TargetRow> ran = c.rows().stream().filter(TargetRow::available).toList();
    if (ran.isEmpty()) return;
    List<String> head = new ArrayList<>(List.of("population", "size"));
    for (TargetRow r : ran) head.add(r.target().equals(c.baseline()) ? r.target() + " spikes" : r.target() + " spikes (r, rate diff)");
    List<List<String>> lines = new ArrayList<>();
    for (int p = 0; p < c.network().populations().size(); p++) {
      var pop = c.network().populations().get(p);
      List<String> cells = new ArrayList<>(List.of(pop.name(), Si.count(pop.size())));
      for (TargetRow r : ran) {
        TargetRow.PopulationFigures f = r.populations().get(p);
        String cell = Si.count(f.spikes());
        if (!r.target().equals(c.baseline())) {
          cell += " (" + Si.plain(f.correlation(), 3) + ", " + signed(f.rateDifferenceHz()) + ")";
        }
        cells.add(cell);
      }
      lines.add(cells);
    }
    sb.append('\n');
    int[] w = widths(head, lines);
    sb.append(line(head, w));
    for (List<String> l : lines) sb.append(line(l, w));
  }

  static String cores(TargetRow.Figures f) {
    if (Double.isNaN(f.coresUsed())) return "-";
    String s = String.format(Locale.ROOT, "%,d", (long) f.coresUsed());
    if (!Double.isNaN(f.chipsUsed())) s += String.format(Locale.ROOT, " (%d chip%s)", (long) f.chipsUsed(), f.chipsUsed() == 1 ? "" : "s");
    return s;
  }

  static String energy(TargetRow.Figures f) {
    if (Double.isNaN(f.energyJ())) return "-";
    return Si.format(f.energyJ(), "J") + (f.energySource() == null ? "" : " (" + f.energySource() + ")");
  }

  static String signed(double hz) {
    if (Double.isNaN(hz)) return "-";
    return (hz > 0 ? "+" : "") + Si.format(hz, "Hz");
  }

  private static int[] widths(List<String> head, List<List<String>> lines) {
    int[] w = new int[head.size()];
    for (int i = 0; i < w.length; i++) w[i] = head.get(i).length();
    for (List<String> l : lines) {
      if (l.size() != w.length) {
        w[0] = Math.max(w[0], l.get(0).length());
        continue;
      }
      for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], l.get(i).length());
    }
    return w;
  }

  /** First column left-aligned, the others right-aligned. */
  private static String line(List<String> cells, int[] w) {
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append("  ");
      String c = cells.get(i);
      sb.append(i == 0 ? pad(c, w[i]) : " ".repeat(w[i] - c.length()) + c);
    }
    return sb.toString().stripTrailing() + "\n";
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }
}
