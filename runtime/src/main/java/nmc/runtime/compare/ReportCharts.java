package nmc.runtime.compare;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nmc.ir.Population;
import nmc.sim.SimResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of the compare report, drawn with XChart as PNG: energy per target split by class, time per step,
 * and one spike raster per target on the same axes (so that they can be compared side by side).
 */
public final class ReportCharts {
  private ReportCharts() {}

  /** A figure: its file-like name, a caption, and the PNG. */
  public record Figure(String name, String caption, byte[] png) {}

  static final int WIDE = 980, HIGH = 380, RASTER_W = 620, RASTER_H = 400;
  /** Points per raster beyond which every k-th spike is drawn (the title says so). */
  static final int MAX_RASTER_POINTS = 200_000;

  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
      new Color(0x7f7f7f), new Color(0xbcbd22)};

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setSeriesColors(PALETTE);
    s.setAntiAlias(true);
  }

  static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Energy of every target that reported some, stacked by class ({@code energy_j.<class>}); a target without a
   * breakdown shows its total as one bar. Null when no target reported energy.
   */
  public static Figure energy(Comparison c) {
    List<TargetRow> rows = c.rows().stream().filter(r -> r.available() && !Double.isNaN(r.figures().energyJ())).toList();
    if (rows.isEmpty()) return null;
    double max = rows.stream().mapToDouble(r -> r.figures().energyJ()).max().orElse(0);
    Si.Scale scale = Si.scaleFor(max, "J");
    List<String> categories = new ArrayList<>();
    for (TargetRow r : rows) categories.add(r.target() + " (" + r.figures().energySource() + ")");
    Set<String> classes = new LinkedHashSet<>();
    for (TargetRow r : rows) classes.addAll(r.figures().energyBreakdownJ().keySet());
    boolean anyWithout = rows.stream().anyMatch(r -> r.figures().energyBreakdownJ().isEmpty());
    CategoryChart chart = new CategoryChartBuilder().width(WIDE).height(HIGH)
        .title(c.network().name() + ": energy per run by class (dynamic; static energy is not included)")
        .xAxisTitle("target (energy source)").yAxisTitle("energy (" + scale.unit() + ")").build();
    style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setAvailableSpaceFill(0.5);
    for (String cls : classes) {
      List<Double> ys = new ArrayList<>();
      for (TargetRow r : rows) ys.add(r.figures().energyBreakdownJ().getOrDefault(cls, 0.0) / scale.factor());
      chart.addSeries(cls, categories, ys);
    }
    if (anyWithout) {
      List<Double> ys = new ArrayList<>();
      for (TargetRow r : rows) ys.add(r.figures().energyBreakdownJ().isEmpty() ? r.figures().energyJ() / scale.factor() : 0.0);
      chart.addSeries("total (no breakdown)", categories, ys);
    }
    return new Figure("energy", "Energy per run of each target that reports it, split by operation class where the "
        + "target gives the split (energy_j.<class>), labelled with its source (model, measured, estimated).", png(chart));
  }

  /**
   * Time per step: the chip time a chip target reports ({@code latency_per_step}) beside the wall time the
   * emulation or simulation itself took per step, log scale. Null when no target ran.
   */
  public static Figure latency(Comparison c) {
    List<TargetRow> rows = c.rows().stream().filter(TargetRow::available).toList();
    if (rows.isEmpty() || c.steps() <= 0) return null;
    double max = 0, min = Double.POSITIVE_INFINITY;
    for (TargetRow r : rows) {
      for (double v : new double[] {r.figures().latencyPerStepS(), r.figures().wallS() / c.steps()}) {
        if (v > 0) {
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
      }
    }
    Si.Scale scale = Si.scaleFor(max, "s");
    List<String> categories = rows.stream().map(TargetRow::target).toList();
    CategoryChart chart = new CategoryChartBuilder().width(WIDE).height(HIGH)
        .title(c.network().name() + ": time per step (log scale)").xAxisTitle("target")
        .yAxisTitle("time per step (" + scale.unit() + ")").build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setAvailableSpaceFill(0.6);
    boolean anyLatency = rows.stream().anyMatch(r -> r.figures().latencyPerStepS() > 0);
    if (max > 0) {
      chart.getStyler().setYAxisLogarithmic(true);
      // one decade of room below the smallest bar, so that it is visible
      chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min / scale.factor())) - 1));
    }
    if (anyLatency) {
      chart.addSeries("latency per step (chip time, as the target reports it)", categories,
          rows.stream().map(r -> positiveOrNull(r.figures().latencyPerStepS(), scale)).toList());
    }
    chart.addSeries("wall time per step (the run itself)", categories,
        rows.stream().map(r -> positiveOrNull(r.figures().wallS() / c.steps(), scale)).toList());
    return new Figure("latency", "Time per step: the latency a chip target reports for one step of the network "
        + "(its emulated chip time) and the wall time per step the target's run took on this machine.", png(chart));
  }

  private static Double positiveOrNull(double v, Si.Scale s) {
    return v > 0 ? v / s.factor() : null;
  }

  /** One raster per target that ran, populations stacked in network order, same axes for all. */
  public static List<Figure> rasters(Comparison c) {
    List<Figure> out = new ArrayList<>();
    double durationMs = c.duration() * 1e3;
    int total = c.network().populations().stream().mapToInt(Population::size).sum();
    for (TargetRow r : c.rows()) {
      if (!r.available()) continue;
      out.add(new Figure("raster_" + r.target(), "Spikes on " + r.target() + " (" + Si.count(r.totalSpikes())
          + " in all); populations stacked in the order of the network.", png(raster(c, r, durationMs, total))));
    }
    return out;
  }

  static XYChart raster(Comparison c, TargetRow r, double durationMs, int total) {
    List<Population> pops = c.network().populations();
    Map<Population, SimResult.SpikeData> data = new LinkedHashMap<>();
    long points = 0;
    for (Population p : pops) {
      SimResult.SpikeData s = c.probes().spikes(r.result(), p.name());
      data.put(p, s);
      if (s != null) points += s.neuron().length;
    }
    long stride = Math.max(1, (points + MAX_RASTER_POINTS - 1) / MAX_RASTER_POINTS);
    XYChart chart = new XYChartBuilder().width(RASTER_W).height(RASTER_H)
        .title(r.target() + (stride > 1 ? " (every " + stride + "th spike)" : ""))
        .xAxisTitle("time (ms)").yAxisTitle("neuron (populations stacked)").build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(durationMs);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax((double) Math.max(1, total));
    chart.getStyler().setLegendVisible(pops.size() <= 12);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    int offset = 0, index = 0;
    for (Population p : pops) {
      SimResult.SpikeData s = data.get(p);
      Color colour = PALETTE[index++ % PALETTE.length];
      if (s != null && s.neuron().length > 0) {
        int n = (int) ((s.neuron().length + stride - 1) / stride);
        double[] x = new double[n], y = new double[n];
        for (int k = 0, j = 0; k < s.neuron().length && j < n; k += (int) stride, j++) {
          x[j] = s.times()[k] * 1e3;
          y[j] = s.neuron()[k] + offset;
        }
        XYSeries series = chart.addSeries(p.name(), x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
      }
      offset += p.size();
    }
    if (chart.getSeriesCollection().isEmpty()) {
      chart.addSeries("no spikes", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
