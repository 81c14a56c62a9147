package nmc.runtime.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import nmc.ir.Population;
import nmc.ir.json.Json;
import nmc.runtime.io.AtomicDir;
import nmc.runtime.io.Numbers;

/**
 * The compare report: {@code report.html}, one self-contained page (CSS inline, figures embedded as
 * {@code data:} URIs, no script libraries, nothing fetched) with the table of targets, spikes and agreement per
 * population, and the figures; and {@code compare.json}, the same data as {@code nmc compare --json}. Both are
 * written atomically, like the files of {@code nmc run}.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static final String HTML = "report.html", JSON = "compare.json";

  /** Writes both files into {@code dir}; returns their paths. */
  public static List<Path> write(Comparison c, Path dir) throws IOException {
    String html = html(c);
    String json = Json.print(c.toJson());
    try (AtomicDir out = AtomicDir.begin(dir)) {
      out.write(JSON, json);
      out.write(HTML, html);
      return out.commit();
    }
  }

  /** The page as text. */
  public static String html(Comparison c) {
    List<ReportCharts.Figure> top = new ArrayList<>();
    ReportCharts.Figure energy = ReportCharts.energy(c), latency = ReportCharts.latency(c);
    if (energy != null) top.add(energy);
    if (latency != null) top.add(latency);
    List<ReportCharts.Figure> rasters = ReportCharts.rasters(c);

    StringBuilder h = new StringBuilder(1 << 16);
    String title = "nmc compare: " + c.network().name();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(c.network().name())).append(" on ")
        .append(esc(String.join(", ", c.rows().stream().map(TargetRow::target).toList()))).append("</h1>\n");
    h.append("<p class=\"settings\">").append(esc(String.format(Locale.ROOT,
        "%s ms in %,d steps of %s ms, seed %d; %,d neurons in %d populations. Agreement is measured against %s.",
        Numbers.value(c.duration() * 1e3), c.steps(), Numbers.value(c.network().run().dt() * 1e3), c.network().run().seed(),
        c.network().neuronCount(), c.network().populations().size(), c.baseline()))).append("</p>\n");

    targets(c, h);
    populations(c, h);

    h.append("<h2>Figures</h2>\n");
    if (energy == null) h.append("<p class=\"none\" id=\"no-energy\">No target reported energy, so there is no energy figure.</p>\n");
    for (ReportCharts.Figure f : top) figure(h, f);
    if (!rasters.isEmpty()) {
      h.append("<h3>Spike rasters</h3>\n<div class=\"rasters\">\n");
      for (ReportCharts.Figure f : rasters) figure(h, f);
      for (TargetRow r : c.rows()) {
        if (r.available()) continue;
        h.append("<div class=\"missing\" data-target=\"").append(esc(r.target())).append("\"><b>").append(esc(r.target()))
            .append("</b>: no raster, ").append(esc(r.status().label())).append(": ").append(esc(r.reason())).append("</div>\n");
      }
      h.append("</div>\n");
    }
    notes(c, h);
    h.append("<footer>Written by nmc compare. <code>").append(JSON)
        .append("</code> beside this page holds the same figures as JSON.</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static final String[] TARGET_COLUMNS = {"target", "status", "cores (chips)", "spikes", "min r", "max |rate diff|",
      "latency / step", "latency", "energy", "energy source", "energy / inference", "EDP", "wall"};

  private static void targets(Comparison c, StringBuilder h) {
    boolean accuracy = c.classifier().isPresent();
    h.append("<h2>Targets</h2>\n<table id=\"targets\">\n<thead><tr>");
    for (String col : TARGET_COLUMNS) h.append("<th>").append(esc(col)).append("</th>");
    if (accuracy) h.append("<th>accuracy</th>");
    h.append("</tr></thead>\n<tbody>\n");
    for (TargetRow r : c.rows()) {
      h.append("<tr class=\"").append(r.status().label()).append("\" data-target=\"").append(esc(r.target())).append("\">");
      td(h, r.target());
      td(h, r.status().label());
      if (!r.available()) {
        h.append("<td class=\"reason\" colspan=\"").append(TARGET_COLUMNS.length - 2 + (accuracy ? 1 : 0)).append("\">")
            .append(esc(r.reason())).append("</td></tr>\n");
        continue;
      }
      TargetRow.Figures f = r.figures();
      boolean base = r.target().equals(c.baseline());
      td(h, CompareTable.cores(f));
      td(h, Si.count(r.totalSpikes()));
      td(h, base ? "baseline" : Si.plain(r.minCorrelation(), 3));
      td(h, base ? "baseline" : Si.format(r.maxAbsRateDifferenceHz(), "Hz"));
      td(h, Si.format(f.latencyPerStepS(), "s"));
      td(h, Si.format(f.latencyS(), "s"));
      td(h, Si.format(f.energyJ(), "J"));
      td(h, f.energySource() == null ? "-" : f.energySource());
      td(h, Si.format(f.energyPerInferenceJ(), "J"));
      td(h, Si.format(f.edpJs(), "J s"));
      td(h, Si.format(f.wallS(), "s"));
      if (accuracy) td(h, Double.isNaN(f.accuracy()) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * f.accuracy()));
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void populations(Comparison c, StringBuilder h) {
    List<TargetRow> ran = c.rows().stream().filter(TargetRow::available).toList();
    if (ran.isEmpty()) {
      h.append("<p class=\"none\">No target ran, so there are no spike counts.</p>\n");
      return;
    }
    h.append("<h2>Spikes and agreement per population</h2>\n<table id=\"populations\">\n<thead><tr><th>population</th><th>size</th>");
    for (TargetRow r : ran) {
      h.append("<th>").append(esc(r.target())).append(" spikes</th>");
      if (!r.target().equals(c.baseline())) h.append("<th>r</th><th>rate diff</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    List<Population> pops = c.network().populations();
    for (int p = 0; p < pops.size(); p++) {
      h.append("<tr data-population=\"").append(esc(pops.get(p).name())).append("\">");
      td(h, pops.get(p).name() + (pops.get(p).isSource() ? " (source)" : ""));
      td(h, Si.count(pops.get(p).size()));
      for (TargetRow r : ran) {
        TargetRow.PopulationFigures f = r.populations().get(p);
        td(h, Si.count(f.spikes()));
        if (!r.target().equals(c.baseline())) {
          td(h, Si.plain(f.correlation(), 3));
          td(h, CompareTable.signed(f.rateDifferenceHz()));
        }
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void notes(Comparison c, StringBuilder h) {
    h.append("<h2>Notes</h2>\n<ul class=\"notes\">\n");
    h.append("<li><b>r</b>: correlation of per-neuron spike counts across a population's neurons, against ")
        .append(esc(c.baseline())).append(" (1 when the counts are identical; - when one side is constant and they differ)."
            + " <b>min r</b> is the lowest over the populations, <b>max |rate diff|</b> the largest difference of population rates.</li>\n");
    h.append("<li>Latency, cores, chips and energy are the figures each target reports (its metrics); - means the target "
        + "does not report it. <b>EDP</b> is energy &times; latency. <b>wall</b> is the target's own run time on this machine.</li>\n");
    h.append("<li>Energy sources: <b>model</b> (operation counts &times; energy per operation, chip emulators), "
        + "<b>measured</b> (RAPL/NVML counters), <b>estimated</b> (time &times; stated power), <b>unlabelled</b> (the target did not say).</li>\n");
    h.append("<li>Energy per inference is the energy of a run divided by the samples it presents (")
        .append(c.inferences()).append(c.classifier().map(n -> ", from classifier " + n).orElse("; not a classifier"))
        .append(").</li>\n");
    if (!c.probes().added().isEmpty()) {
      h.append("<li>Spike probes added by compare (for per-neuron counts): ").append(esc(String.join(", ", c.probes().added())))
          .append(".</li>\n");
    }
    h.append("</ul>\n");
  }

  private static void figure(StringBuilder h, ReportCharts.Figure f) {
    h.append("<figure id=\"fig-").append(esc(f.name())).append("\"><img alt=\"").append(esc(f.caption()))
        // the attribute set on load lets a headless browser test see that the image decoded
        .append("\" onload=\"this.setAttribute('data-loaded','true')\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>").append(esc(f.caption()))
        .append("</figcaption></figure>\n");
  }

  private static void td(StringBuilder h, String s) {
    h.append("<td>").append(esc(s)).append("</td>");
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      body { font-family: sans-serif; margin: 1.5em 2em; color: #222; max-width: 1400px; }
      h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; } h3 { font-size: 1.05em; }
      table { border-collapse: collapse; font-size: 0.9em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; white-space: nowrap; }
      th { background: #f0f0f0; } td:first-child, th:first-child { text-align: left; }
      tr.unavailable td, tr.failed td { color: #777; background: #fafafa; }
      tr.failed td.reason { color: #a00; } td.reason { text-align: left; white-space: normal; }
      figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
      figcaption { font-size: 0.85em; color: #555; max-width: 60em; }
      .rasters { display: flex; flex-wrap: wrap; gap: 1em; } .rasters figure { margin: 0; flex: 0 1 620px; }
      .missing { flex: 0 1 620px; border: 1px dashed #bbb; padding: 1em; color: #666; min-height: 4em; }
      .settings, .none { color: #444; } .notes { font-size: 0.9em; color: #444; }
      footer { margin-top: 2em; font-size: 0.8em; color: #777; }
      """;
}
