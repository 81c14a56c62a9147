package nmc.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import nmc.ann.AnnModel;
import nmc.ann.TrainedModel;
import nmc.ann.data.Datasets;
import nmc.ann.io.ModelFile;
import nmc.diag.UserError;

/**
 * A trained model named on the command line: a model file ({@code .json}) as written by train, or a {@code .snn}
 * file whose ann is taken from the cache (trained first when {@code trainIfMissing}).
 */
final class ModelSource {
  private ModelSource() {}

  /** The model; {@code trainedOn} is the data it was just trained on (null when it was read from a file). */
  record Loaded(TrainedModel model, Path path, boolean trained, Datasets.Split trainedOn) {
    /** The model's datasets ({@link AnnSupport#data}), loaded only when training has not loaded them already. */
    Datasets.Split data() {
      return trainedOn != null ? trainedOn : AnnSupport.data(model.model());
    }
  }

  static Loaded load(Path file, String ann, Path modelPath, boolean trainIfMissing, boolean retrain, int threads, boolean quiet,
      PrintStream err) {
    if (file.toString().endsWith(".json")) {
      if (ann != null) throw UserError.of("--ann applies to .snn files, not to a model file", "");
      return new Loaded(ModelFile.read(file), file, false, null);
    }
    AnnModel m = AnnSupport.select(file, ann);
    Path path = modelPath != null ? modelPath : AnnSupport.defaultModelPath(m);
    TrainedModel tm = retrain ? null : AnnSupport.cached(m, path);
    if (tm != null) {
      if (!quiet) err.println("using the trained model " + path + " (its architecture and training settings match " + file + ")");
      return new Loaded(tm, path, false, null);
    }
    if (!trainIfMissing) {
      throw UserError.of("ann " + m.name() + " has no trained model at " + path + (java.nio.file.Files.exists(path) ? " that matches the file" : ""),
          "train it first: nmc train " + file + (modelPath != null ? " --out " + modelPath : ""));
    }
    if (!quiet) err.println("no trained model of " + m.name() + " at " + path + "; training it first");
    Datasets.Split data = AnnSupport.data(m);
    tm = AnnSupport.train(m, data, threads, quiet, err).model();
    ModelFile.write(tm, path);
    return new Loaded(tm, path, true, data);
  }
}
