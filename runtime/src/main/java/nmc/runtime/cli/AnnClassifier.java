package nmc.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nmc.ann.TrainedModel;
import nmc.ann.convert.ConvertOptions;
import nmc.ann.convert.Converter;
import nmc.ann.convert.Plan;
import nmc.ann.convert.SnnBuilder;
import nmc.ann.convert.SnnEvaluator;
import nmc.ann.data.Dataset;
import nmc.ann.data.Datasets;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.runtime.compare.Classifier;
import nmc.sim.SimResult;

/**
 * What {@code nmc compare} runs for a file that defines an ANN: the ANN (trained first when no trained model is
 * cached, as {@code nmc evaluate} does) converted to a spiking network holding one copy per test example, and the
 * classifier that reads the classes out of a run and scores them against the test labels.
 */
final class AnnClassifier implements Classifier {
  private final Plan plan;
  private final int[] labels;
  private final Network network;

  private AnnClassifier(Plan plan, int[] labels, Network network) {
    this.plan = plan;
    this.labels = labels;
    this.network = network;
  }

  /** Converts the ANN of {@code file} for {@code examples} test examples and {@code timesteps} steps. */
  static AnnClassifier prepare(Path file, Path modelPath, int examples, int timesteps, int threads, boolean quiet, PrintStream err) {
    ModelSource.Loaded loaded = ModelSource.load(file, null, modelPath, true, false, threads, quiet, err);
    TrainedModel tm = loaded.model();
    Datasets.Split data = loaded.data();
    Dataset test = data.test();
    if (test.regression()) throw UserError.of("compare scores classifiers; ann " + tm.model().name() + " does regression", "");
    if (examples < 1 || examples > test.size()) {
      throw UserError.of("--examples must be in 1 .. " + test.size() + ", not " + examples, "e.g. --examples 100");
    }
    Plan plan = Converter.plan(tm, data.train(), ConvertOptions.DEFAULT.withTimesteps(timesteps));
    List<float[]> xs = new ArrayList<>();
    for (int e = 0; e < examples; e++) xs.add(test.example(e));
    Network net = SnnBuilder.build(plan, xs, tm.model().name() + "_snn");
    return new AnnClassifier(plan, Arrays.copyOf(test.labels(), examples), net);
  }

  Network network() {
    return network;
  }

  @Override
  public String name() {
    return plan.name() + "-spike-count-readout";
  }

  @Override
  public boolean appliesTo(Network net) {
    return net.name().equals(network.name());
  }

  @Override
  public int inferences(Network net) {
    return labels.length;
  }

  @Override
  public double accuracy(Network net, SimResult result) {
    int[] predicted = SnnEvaluator.readout(plan, result, labels.length);
    int right = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) right++;
    return (double) right / labels.length;
  }
}
