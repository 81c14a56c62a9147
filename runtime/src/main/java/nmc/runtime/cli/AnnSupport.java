package nmc.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nmc.ann.AnnModel;
import nmc.ann.DatasetSpec;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ann.data.Datasets;
import nmc.ann.io.ModelFile;
import nmc.ann.train.Evaluation;
import nmc.ann.train.Gemm;
import nmc.ann.train.Net;
import nmc.ann.train.Trainer;
import nmc.diag.UserError;
import nmc.dsl.Frontend;
import nmc.runtime.NetworkLoader;
import nmc.runtime.ProgressReporter;
import nmc.runtime.Text;

/** What train, convert and evaluate share: finding the ANN in a file, its data, training it, the model cache. */
final class AnnSupport {
  private AnnSupport() {}

  static final String[] FASHION_CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
      "Bag", "Ankle boot"};

  /** The ANN called {@code name} in {@code file}, or its only one. */
  static AnnModel select(Path file, String name) {
    NetworkLoader.requireReadable(file);
    List<AnnModel> anns = Frontend.loadProgram(file).anns();
    if (anns.isEmpty()) throw UserError.of(file + " declares no ann model", "an ANN is written as: ann NAME { input ...; layers ...; train { ... } } (docs/ann.md)");
    if (name == null) {
      if (anns.size() > 1) {
        throw UserError.of(file + " declares " + anns.size() + " ann models", "pick one with --ann NAME: "
            + String.join(", ", anns.stream().map(AnnModel::name).toList()));
      }
      return anns.getFirst();
    }
    for (AnnModel m : anns) if (m.name().equals(name)) return m;
    List<String> names = anns.stream().map(AnnModel::name).toList();
    throw UserError.of(file + " has no ann model '" + name + "'",
        Text.nearest(name, names).map(n -> "did you mean '" + n + "'?").orElse("its ann models: " + String.join(", ", names)));
  }

  /** Where a trained model is kept by default: {@code out/<name>/<name>.model.json}. */
  static Path defaultModelPath(AnnModel m) {
    String n = Text.safeFileName(m.name());
    return Path.of("out", n, n + ".model.json");
  }

  /** The model's datasets with its train/test limits applied and the input shape checked. */
  static Datasets.Split data(AnnModel m) {
    Training t = m.training();
    Datasets.Split s = Datasets.load(t.dataset());
    Dataset train = fit(m, s.train().head(t.trainLimit())), test = fit(m, s.test().head(t.testLimit()));
    int outputs = m.output().size();
    if (!train.regression()) {
      int classes = Math.max(train.classes(), test.classes());
      if (classes > outputs) {
        throw UserError.of("ann " + m.name() + " has " + outputs + " outputs, but its dataset has " + classes + " classes",
            "make the last layer dense(... -> " + classes + ")");
      }
    } else if (train.outputs() != outputs) {
      throw UserError.of("ann " + m.name() + " has " + outputs + " outputs, but its dataset has " + train.outputs() + " targets",
          "make the last layer dense(... -> " + train.outputs() + ")");
    }
    return new Datasets.Split(train, test);
  }

  private static Dataset fit(AnnModel m, Dataset d) {
    if (d.shape().equals(m.input())) return d;
    if (d.features() == m.input().size()) return d.reshaped(m.input());
    throw UserError.of("ann " + m.name() + " takes inputs of " + m.input() + " = " + m.input().size() + " values, but " + d.name()
        + " has examples of " + d.shape() + " = " + d.features() + " values", "declare input " + d.shape());
  }

  static String[] classNames(AnnModel m) {
    return m.training().dataset() instanceof DatasetSpec.FashionMnist ? FASHION_CLASSES : null;
  }

  /** A trained model and its evaluation on the test set. */
  record Trained(TrainedModel model, Evaluation test) {}

  /** Trains {@code m}; one progress bar per epoch on a terminal and one line per epoch on {@code err} unless quiet. */
  static Trained train(AnnModel m, Datasets.Split data, int threads, boolean quiet, PrintStream err) {
    Training t = m.training();
    Net net = new Net(m, threads);
    try {
      net.initialize(t.init(), t.seed());
      if (!quiet) {
        err.printf(Locale.ROOT, "training %s: %,d examples, %,d test examples, %d epochs of batches of %d, %d threads, %s kernel%n",
            m.name(), data.train().size(), data.test().size(), t.epochs(), t.batchSize(), threads, Gemm.kernelName());
      }
      Trainer.Result r = Trainer.train(net, data.train(), data.test(), new Trainer.Listener() {
        ProgressReporter bar;

        @Override
        public void epochStart(int epoch, int epochs, int batches) {
          bar = ProgressReporter.create("epoch " + (epoch + 1) + "/" + epochs, batches, quiet, err);
        }

        @Override
        public void batch(int epoch, int done, double loss, double acc) {
          bar.update(done, 0);
        }

        @Override
        public void epochEnd(Trainer.Epoch e) {
          bar.close();
          if (quiet) return;
          boolean reg = Double.isNaN(e.trainAccuracy());
          err.printf(Locale.ROOT, "epoch %d/%d  loss %.4f%s  test loss %.4f%s  lr %.3g  %.1f s (%,.0f images/s)%n", e.epoch(), t.epochs(),
              e.trainLoss(), reg ? "" : String.format(Locale.ROOT, "  accuracy %.2f%%", 100 * e.trainAccuracy()), e.testLoss(),
              reg ? "" : String.format(Locale.ROOT, "  test accuracy %.2f%%", 100 * e.testAccuracy()), e.learningRate(), e.seconds(),
              e.imagesPerSecond());
        }
      });
      Evaluation ev = r.test();
      return new Trained(new TrainedModel(m, net.params().clone(), net.buffers().clone(), r.history(),
          ev.regression() ? Double.NaN : ev.accuracy(), ev.regression() ? ev.mae() : Double.NaN, ModelFile.fingerprint(m)), ev);
    } finally {
      net.close();
    }
  }

  /** A net holding the trained values, for inference. */
  static Net net(TrainedModel tm, int threads) {
    Net net = new Net(tm.model(), threads);
    System.arraycopy(tm.params(), 0, net.params(), 0, tm.params().length);
    System.arraycopy(tm.buffers(), 0, net.buffers(), 0, tm.buffers().length);
    return net;
  }

  /** The cached model at {@code path} when it was trained from exactly this source, else null. */
  static TrainedModel cached(AnnModel m, Path path) {
    if (!Files.isRegularFile(path)) return null;
    TrainedModel tm;
    try {
      tm = ModelFile.read(path);
    } catch (UserError e) {
      return null; // an unreadable cache is retrained, not an error
    }
    return tm.fingerprint().equals(ModelFile.fingerprint(m)) ? tm : null;
  }

  static int threads(Integer given) {
    if (given != null && given < 1) throw UserError.of("--threads must be at least 1, not " + given, "");
    return given != null ? given : Runtime.getRuntime().availableProcessors();
  }
}
