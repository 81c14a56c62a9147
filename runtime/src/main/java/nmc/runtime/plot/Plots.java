package nmc.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import nmc.runtime.io.AtomicDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The three standard figures of a run, drawn with XChart: a spike raster (one colour per population), the state
 * traces (one panel per probe, with units) and the population rates. PNG and SVG, headless.
 */
public final class Plots {
  private Plots() {}

  public enum Format {
    PNG, SVG, BOTH;

    boolean png() {
      return this != SVG;
    }

    boolean svg() {
      return this != PNG;
    }
  }

  private static final int WIDTH = 1000;
  private static final int PANEL_HEIGHT = 320;
  /** More points than this in a raster make a slow, unreadable figure; the rest are left out (and the title says so). */
  private static final int MAX_RASTER_POINTS = 400_000;
  /** Neurons drawn per trace panel. */
  private static final int MAX_TRACES_PER_PANEL = 10;

  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

  /** One figure: one or more charts stacked vertically. */
  public record Figure(String name, List<XYChart> panels) {}

  /** Writes the figures that {@code data} has data for into {@code dir}; returns the file names. */
  public static List<String> write(RunData data, Path dir, Format format) throws IOException {
    List<Figure> figures = figures(data);
    List<String> names = new ArrayList<>();
    try (AtomicDir out = AtomicDir.begin(dir)) {
      for (Figure f : figures) {
        if (format.png()) {
          out.writeBytes(f.name() + ".png", os -> png(f, os));
          names.add(f.name() + ".png");
        }
        if (format.svg()) {
          out.writeBytes(f.name() + ".svg", os -> svg(f, os));
          names.add(f.name() + ".svg");
        }
      }
      out.commit();
    }
    return names;
  }

  static List<Figure> figures(RunData data) {
    List<Figure> out = new ArrayList<>();
    if (!data.spikes().isEmpty()) out.add(new Figure("raster", List.of(raster(data))));
    if (!data.traces().isEmpty()) {
      List<XYChart> panels = new ArrayList<>();
      for (RunData.Trace t : data.traces()) panels.add(trace(data.network(), t));
      out.add(new Figure("traces", panels));
    }
    if (!data.rates().isEmpty()) out.add(new Figure("rates", List.of(rates(data))));
    return out;
  }

  /** An empty panel in the figures' style, titled, with axis titles {@code x} and {@code y}. */
  public static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    var s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setSeriesColors(PALETTE);
    c.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
    c.getStyler().setAntiAlias(true);
    return c;
  }

  /** All spike probes in one raster: probes of one population share a colour, populations are stacked. */
  static XYChart raster(RunData data) {
    Map<String, List<RunData.Spikes>> byPop = new LinkedHashMap<>();
    for (RunData.Spikes s : data.spikes()) byPop.computeIfAbsent(s.population(), k -> new ArrayList<>()).add(s);
    long total = data.spikes().stream().mapToLong(s -> s.neuron().length).sum();
    int stride = (int) Math.max(1, (total + MAX_RASTER_POINTS - 1) / MAX_RASTER_POINTS);
    String title = data.network() + ": spikes" + (stride > 1 ? " (every " + stride + "th spike of " + total + ")" : "");
    boolean stacked = byPop.size() > 1;
    XYChart c = chart(title, "time (ms)", stacked ? "neuron (populations stacked)" : "neuron index");
    c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setMarkerSize(3);
    int offset = 0;
    List<String> silent = new ArrayList<>();
    for (var e : byPop.entrySet()) {
      int maxIndex = -1;
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      long k = 0;
      for (RunData.Spikes s : e.getValue()) {
        for (int i = 0; i < s.neuron().length; i++) {
          maxIndex = Math.max(maxIndex, s.neuron()[i]);
          if (k++ % stride != 0) continue;
          xs.add(s.tMs()[i]);
          ys.add((double) (s.neuron()[i] + offset));
        }
      }
      if (xs.isEmpty()) {
        silent.add(e.getKey());
        continue;
      }
      String label = e.getKey() + (stacked ? " (" + offset + "-" + (offset + maxIndex) + ")" : "");
      c.addSeries(label, xs, ys).setMarker(SeriesMarkers.CIRCLE);
      offset += maxIndex + 1;
    }
    if (!silent.isEmpty()) c.setTitle(c.getTitle() + "; no spikes in " + String.join(", ", silent));
    if (c.getSeriesCollection().isEmpty()) c.addSeries("no spikes", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    return c;
  }

  static XYChart trace(String network, RunData.Trace t) {
    String unit = t.unit() == null || t.unit().isEmpty() ? "" : " (" + t.unit() + ")";
    int shown = Math.min(MAX_TRACES_PER_PANEL, t.values().length);
    String title = t.population() + "." + t.variable() + "  [" + network + ", probe " + t.probe() + "]"
        + (shown < t.values().length ? ", first " + shown + " of " + t.values().length + " neurons" : "");
    XYChart c = chart(title, "time (ms)", t.variable() + unit);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setMarkerSize(0);
    for (int i = 0; i < shown; i++) {
      XYSeries s = c.addSeries(t.labels()[i], t.tMs(), t.values()[i]);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(1.2f);
    }
    if (shown == 0) c.addSeries("(no neurons recorded)", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    return c;
  }

  static XYChart rates(RunData data) {
    XYChart c = chart(data.network() + ": population rates", "time (ms)", "rate (Hz)");
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setYAxisMin(0.0);
    for (RunData.Rate r : data.rates()) {
      double[] x = r.tMs(), y = r.hz();
      if (x.length == 0) {
        x = new double[] {0};
        y = new double[] {0};
      } else if (x.length >= 2) {
        // A step line ends at its last point; one more point at the end of the last bin draws that bin too.
        x = java.util.Arrays.copyOf(x, x.length + 1);
        y = java.util.Arrays.copyOf(y, y.length + 1);
        x[x.length - 1] = x[x.length - 2] + (x[1] - x[0]);
        y[y.length - 1] = y[y.length - 2];
      }
      XYSeries s = c.addSeries(r.population() + (r.probe().equals(r.population()) ? "" : " (" + r.probe() + ")"), x, y);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineWidth(1.5f);
    }
    return c;
  }

  private static void paint(Figure f, Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, PANEL_HEIGHT * f.panels().size());
    for (int i = 0; i < f.panels().size(); i++) {
      Graphics2D p = (Graphics2D) g.create();
      p.translate(0, i * PANEL_HEIGHT);
      p.setStroke(new BasicStroke(1f));
      f.panels().get(i).paint(p, WIDTH, PANEL_HEIGHT);
      p.dispose();
    }
  }

  /** The figure as a PNG image written to {@code os}. */
  public static void png(Figure f, OutputStream os) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, PANEL_HEIGHT * f.panels().size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    paint(f, g);
    g.dispose();
    if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer in this Java runtime");
  }

  static void svg(Figure f, OutputStream os) throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(f, g);
    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, PANEL_HEIGHT * f.panels().size())).writeTo(os);
  }
}
