package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.ann.AnnModel;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.diag.UserError;
import nmc.ann.data.Datasets;
import nmc.ann.io.ModelFile;
import nmc.ann.train.Evaluation;
import nmc.ann.train.Gemm;
import nmc.ann.train.Trainer;
import nmc.ir.json.Json;
import nmc.runtime.io.AtomicDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "train",
    mixinStandardHelpOptions = true,
    header = "Train the ANN declared in a file and save its weights.",
    description = {
        "%nTrains the file's ann model as its train block says (dataset, loss, optimizer, learning rate and schedule, "
            + "batch size, epochs, initialisation, seed), then evaluates it on the test set: accuracy, per-class "
            + "precision, recall and F1 and the confusion matrix (MAE for regression).",
        "%nWrites the model file (default out/<ann>/<ann>.model.json; format in docs/ann.md), and beside it "
            + "training.json (history and evaluation) and training_curve.png.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc train samples/fashion_mlp.snn",
        "  nmc train samples/fashion_cnn.snn --out models/cnn.model.json --threads 2",
        "  nmc train samples/fashion_mlp.snn --epochs 1 --limit 6000      a quick look"})
final class TrainCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "A .snn file with an ann block.")
  Path file;

  @Option(names = "--ann", paramLabel = "NAME", description = "Which ann model, when the file has several.")
  String ann;

  @Option(names = "--out", paramLabel = "MODEL", description = "The model file to write (default: out/<ann>/<ann>.model.json).")
  Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Override the train block's epochs.")
  Integer epochs;

  @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training examples only.")
  Integer limit;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all processors).")
  Integer threads;

  @Option(names = "--json", description = "Print the history and evaluation as one JSON object on stdout.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar, no per-epoch lines, no report.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    AnnModel m = override(AnnSupport.select(file, ann), epochs, limit);
    int th = AnnSupport.threads(threads);
    Datasets.Split data = AnnSupport.data(m);
    AnnSupport.Trained trained = AnnSupport.train(m, data, th, quiet || json, nmc.err);
    TrainedModel tm = trained.model();
    Evaluation ev = trained.test();
    Path modelPath = out != null ? out : AnnSupport.defaultModelPath(m);
    ModelFile.write(tm, modelPath);
    Json.Obj summary = summary(tm, ev, modelPath, th, AnnSupport.classNames(m));
    Path dir = modelPath.toAbsolutePath().getParent();
    try (AtomicDir d = AtomicDir.begin(dir)) {
      d.writeBytes("training_curve.png", os -> TrainingCurve.png(m.name(), tm.history(), os));
      d.write("training.json", Json.print(summary));
      d.commit();
    }
    if (json) {
      nmc.out.print(Json.print(summary));
    } else if (!quiet) {
      nmc.out.printf(Locale.ROOT, "%s: test set%n%s%n", m.name(), ev.report(AnnSupport.classNames(m)));
      nmc.out.printf("  wrote %s, and training.json, training_curve.png beside it%n", modelPath);
    }
    nmc.out.flush();
    return Nmc.OK;
  }

  /** The model with command-line overrides of epochs and the training-set size. */
  static AnnModel override(AnnModel m, Integer epochs, Integer limit) {
    if (epochs == null && limit == null) return m;
    if (epochs != null && epochs < 0) throw UserError.of("--epochs must be at least 0, not " + epochs, "");
    if (limit != null && limit < 1) throw UserError.of("--limit must be at least 1, not " + limit, "");
    var t = m.training();
    var nt = new Training(t.dataset(), t.loss(), t.optimizer(), t.learningRate(), t.schedule(), t.batchSize(),
        epochs != null ? epochs : t.epochs(), t.init(), t.seed(), t.weightDecay(), limit != null ? limit : t.trainLimit(), t.testLimit());
    return new AnnModel(m.name(), m.input(), m.layers(), nt, m.span());
  }

  static Json.Obj summary(TrainedModel tm, Evaluation ev, Path modelPath, int threads, String[] names) {
    List<Json> hist = new ArrayList<>();
    for (Trainer.Epoch e : tm.history()) hist.add(ModelFile.epochJson(e));
    Json.ObjBuilder evj = Json.object().put("examples", ev.count());
    if (ev.regression()) {
      evj.put("mae", ev.mae()).put("mse", ev.mse());
    } else {
      evj.put("accuracy", ev.accuracy()).put("macro_f1", ev.macroF1());
      List<Json> classes = new ArrayList<>();
      for (int c = 0; c < ev.f1().length; c++) {
        classes.add(Json.object().put("class", c).put("name", names != null && c < names.length ? names[c] : Integer.toString(c))
            .put("precision", ev.precision()[c]).put("recall", ev.recall()[c]).put("f1", ev.f1()[c]).build());
      }
      List<Json> rows = new ArrayList<>();
      for (int[] r : ev.confusion()) {
        List<Json> row = new ArrayList<>();
        for (int v : r) row.add(Json.of(v));
        rows.add(Json.array(row));
      }
      evj.put("classes", Json.array(classes)).put("confusion", Json.array(rows));
    }
    return Json.object().put("ann", tm.model().name()).put("model_file", modelPath.toString()).put("threads", threads)
        .put("kernel", Gemm.kernelName()).put("history", Json.array(hist)).put("test", evj.build()).build();
  }
}
