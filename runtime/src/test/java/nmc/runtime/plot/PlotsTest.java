package nmc.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.runtime.RunSummary;
import nmc.runtime.TestNets;
import nmc.runtime.io.RunFiles;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlotsTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private Path runFolder() throws IOException {
    Network net = TestNets.small("net");
    SimResult r = TestNets.result();
    Path dir = tmp.resolve("run");
    RunFiles.writeAll(dir, net, r, RunSummary.json(net, r, dir));
    return dir;
  }

  /** Not blank: many pixels differ from the background, in several colours (axes, text and two populations). */
  private static void assertLooksLikeAPlot(Path png, int minHeight) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, png + " decodes as an image");
    assertTrue(img.getWidth() >= 800 && img.getHeight() >= minHeight, img.getWidth() + "x" + img.getHeight());
    int background = img.getRGB(2, 2);
    long different = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int c = img.getRGB(x, y);
        if (c != background) different++;
        colours.add(c);
      }
    }
    double frac = different / (double) (img.getWidth() * img.getHeight());
    assertTrue(frac > 0.01, png + ": only " + frac + " of the pixels are drawn");
    assertTrue(colours.size() > 20, png + ": only " + colours.size() + " colours");
  }

  private static Document parseXml(Path svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(svg.toFile());
  }

  @Test
  void drawsPngAndSvgOfEveryFigureFromARunFolder() throws Exception {
    Path dir = runFolder();
    List<String> files = Plots.write(RunData.read(dir), dir, Plots.Format.BOTH);
    assertEquals(List.of("raster.png", "raster.svg", "traces.png", "traces.svg", "rates.png", "rates.svg"), files);
    assertLooksLikeAPlot(dir.resolve("raster.png"), 300);
    assertLooksLikeAPlot(dir.resolve("traces.png"), 300);
    assertLooksLikeAPlot(dir.resolve("rates.png"), 300);
    for (String svg : List.of("raster.svg", "traces.svg", "rates.svg")) {
      Document d = parseXml(dir.resolve(svg));
      assertEquals("svg", d.getDocumentElement().getNodeName(), svg);
      assertTrue(d.getElementsByTagName("*").getLength() > 50, svg + " has drawing elements");
    }
  }

  @Test
  void figuresHaveTitlesAxisLabelsWithUnitsAndLegends() throws IOException {
    // XChart draws text as outlines (in PNG and SVG alike), so the labels are checked on the chart model.
    List<Plots.Figure> figs = Plots.figures(RunData.read(runFolder()));
    assertEquals(List.of("raster", "traces", "rates"), figs.stream().map(Plots.Figure::name).toList());
    var raster = figs.get(0).panels().get(0);
    assertEquals("net: spikes", raster.getTitle());
    assertEquals("time (ms)", raster.getXAxisTitle());
    assertEquals(List.of("exc (0-39)", "inh (40-49)"), raster.getSeriesCollection().stream().map(s -> s.getName()).toList(), "one colour per population, stacked");
    var trace = figs.get(1).panels().get(0);
    assertEquals("v (mV)", trace.getYAxisTitle());
    assertEquals("time (ms)", trace.getXAxisTitle());
    assertTrue(trace.getTitle().startsWith("exc.v"), trace.getTitle());
    assertEquals(List.of("v[0]", "v[5]"), trace.getSeriesCollection().stream().map(s -> s.getName()).toList());
    var rates = figs.get(2).panels().get(0);
    assertEquals("rate (Hz)", rates.getYAxisTitle());
    assertEquals(List.of("exc (rate_exc)"), rates.getSeriesCollection().stream().map(s -> s.getName()).toList());
  }

  @Test
  void tracePanelsStackOnePerProbe() throws Exception {
    SimResult r = TestNets.result();
    SimResult.TraceData t = r.traces().get(0);
    SimResult two = new SimResult(r.target(), r.steps(), r.dt(), r.wallSeconds(), r.populations(), r.synapticEvents(), r.spikes(),
        List.of(t, new SimResult.TraceData("i_exc", "exc", "I", "nA", t.indices(), t.times(), t.values())), r.rates(), r.metrics());
    Path dir = tmp.resolve("two");
    Plots.write(RunData.of("net", two), dir, Plots.Format.PNG);
    BufferedImage img = ImageIO.read(dir.resolve("traces.png").toFile());
    BufferedImage raster = ImageIO.read(dir.resolve("raster.png").toFile());
    assertEquals(2 * raster.getHeight(), img.getHeight(), "two panels");
  }

  @Test
  void readingTheFolderGivesWhatWasInMemory() throws IOException {
    Path dir = runFolder();
    RunData read = RunData.read(dir);
    RunData mem = RunData.of("net", TestNets.result());
    assertEquals("net", read.network());
    assertEquals(mem.spikes().size(), read.spikes().size());
    for (int i = 0; i < mem.spikes().size(); i++) {
      assertEquals(mem.spikes().get(i).population(), read.spikes().get(i).population());
      assertArrayEquals(mem.spikes().get(i).neuron(), read.spikes().get(i).neuron());
      assertArrayEquals(mem.spikes().get(i).tMs(), read.spikes().get(i).tMs(), 1e-9);
    }
    RunData.Trace a = mem.traces().get(0), b = read.traces().get(0);
    assertEquals("mV", b.unit());
    assertEquals("v", b.variable());
    assertArrayEquals(new String[] {"v[0]", "v[5]"}, b.labels());
    for (int i = 0; i < a.values().length; i++) assertArrayEquals(a.values()[i], b.values()[i], 1e-9);
    assertArrayEquals(mem.rates().get(0).hz(), read.rates().get(0).hz());
  }

  @Test
  void aFolderWithoutSummaryIsReadByFileNames() throws IOException {
    Path dir = runFolder();
    Files.delete(dir.resolve("summary.json"));
    RunData d = RunData.read(dir);
    assertEquals(2, d.spikes().size());
    assertEquals("v", d.traces().get(0).variable());
    assertEquals(1, d.rates().size());
  }

  @Test
  void brokenCsvIsAUserErrorWithThePlace() throws IOException {
    Path dir = runFolder();
    Files.writeString(dir.resolve("spikes_spk.csv"), "neuron,t_ms\n0,1.5\n1,abc\n");
    UserError e = assertThrows(UserError.class, () -> RunData.read(dir));
    assertTrue(e.render().contains("spikes_spk.csv:3:1: error: 'abc' is not a number"), e.render());
  }

  @Test
  void missingFolder() {
    UserError e = assertThrows(UserError.class, () -> RunData.read(tmp.resolve("nope")));
    assertTrue(e.render().contains("no such folder"), e.render());
  }
}
