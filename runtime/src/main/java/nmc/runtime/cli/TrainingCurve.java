package nmc.runtime.cli;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import nmc.ann.train.Trainer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The training curve: loss (training and test) and accuracy per epoch, two panels in one PNG. */
final class TrainingCurve {
  private TrainingCurve() {}

  private static final int W = 900, H = 320;

  static void png(String name, List<Trainer.Epoch> hist, OutputStream os) throws IOException {
    double[] x = hist.stream().mapToDouble(Trainer.Epoch::epoch).toArray();
    XYChart loss = chart(name + ": loss per epoch", "loss");
    loss.addSeries("training", x, hist.stream().mapToDouble(Trainer.Epoch::trainLoss).toArray());
    loss.addSeries("test", x, hist.stream().mapToDouble(Trainer.Epoch::testLoss).toArray());
    boolean classes = !hist.isEmpty() && !Double.isNaN(hist.getFirst().trainAccuracy());
    XYChart acc = null;
    if (classes) {
      acc = chart(name + ": accuracy per epoch", "accuracy (%)");
      acc.addSeries("training", x, hist.stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray());
      acc.addSeries("test", x, hist.stream().mapToDouble(e -> 100 * e.testAccuracy()).toArray());
    }
    int panels = classes ? 2 : 1;
    BufferedImage img = new BufferedImage(W, H * panels, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    loss.paint(g, W, H);
    if (acc != null) {
      Graphics2D g2 = (Graphics2D) g.create(0, H, W, H);
      acc.paint(g2, W, H);
      g2.dispose();
    }
    g.dispose();
    if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer in this Java runtime");
  }

  private static XYChart chart(String title, String y) {
    XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("epoch").yAxisTitle(y).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setMarkerSize(6);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return c;
  }
}
