package nmc.runtime.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import nmc.ann.train.Trainer;
import nmc.runtime.plot.Plots;
import org.knowm.xchart.XYChart;

/** The training curve: loss (training and test) and accuracy per epoch, two panels in one PNG drawn as {@link Plots} draws. */
final class TrainingCurve {
  private TrainingCurve() {}

  static void png(String name, List<Trainer.Epoch> hist, OutputStream os) throws IOException {
    double[] x = hist.stream().mapToDouble(Trainer.Epoch::epoch).toArray();
    List<XYChart> panels = new ArrayList<>();
    XYChart loss = chart(name + ": loss per epoch", "loss");
    loss.addSeries("training", x, hist.stream().mapToDouble(Trainer.Epoch::trainLoss).toArray());
    loss.addSeries("test", x, hist.stream().mapToDouble(Trainer.Epoch::testLoss).toArray());
    panels.add(loss);
    if (!hist.isEmpty() && !Double.isNaN(hist.getFirst().trainAccuracy())) {
      XYChart acc = chart(name + ": accuracy per epoch", "accuracy (%)");
      acc.addSeries("training", x, hist.stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray());
      acc.addSeries("test", x, hist.stream().mapToDouble(e -> 100 * e.testAccuracy()).toArray());
      panels.add(acc);
    }
    Plots.png(new Plots.Figure("training_curve", panels), os);
  }

  private static XYChart chart(String title, String y) {
    XYChart c = Plots.chart(title, "epoch", y);
    c.getStyler().setMarkerSize(6); // one point per epoch
    return c;
  }
}
