package nmc.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.ann.TrainedModel;
import nmc.ann.convert.ConvertOptions;
import nmc.ann.convert.Converter;
import nmc.ann.convert.Plan;
import nmc.ann.convert.SnnBuilder;
import nmc.ann.convert.SnnEvaluator;
import nmc.ann.data.Dataset;
import nmc.ann.data.Datasets;
import nmc.ann.train.Evaluation;
import nmc.ann.train.Net;
import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;
import nmc.ir.json.Json;
import nmc.runtime.ProgressReporter;
import nmc.runtime.Targets;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Compare a trained ANN with its spiking conversion on the test set, per number of timesteps.",
    description = {
        "%nTrains the file's ann first when no trained model matching it is cached (out/<ann>/<ann>.model.json), "
            + "measures the ANN's test accuracy, converts it (see 'nmc convert') and runs the spiking network for "
            + "every --timesteps value on the reference target and, when --target names another, on that one too. "
            + "Reports SNN accuracy, synaptic operations per inference and, when the target reports energy, energy "
            + "per inference.",
        "%nExamples run in batches: one network holds a copy of the spiking network per example (--batch, sized to "
            + "the memory by default), and --jobs batches run at once. --limit N evaluates the first N test examples.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc evaluate samples/fashion_mlp.snn --timesteps 8,16,32,64,128",
        "  nmc evaluate samples/fashion_cnn.snn --target loihi --timesteps 128 --limit 1000 --json",
        "  nmc evaluate out/fashion_mlp/fashion_mlp.model.json --timesteps 64 --input poisson"})
final class EvaluateCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "A .snn file with an ann block (or a model file written by 'nmc train').")
  Path file;

  @Option(names = "--ann", paramLabel = "NAME", description = "Which ann model, when the file has several.")
  String ann;

  @Option(names = "--model", paramLabel = "PATH", description = "Where the trained model is cached (default: out/<ann>/<ann>.model.json).")
  Path modelPath;

  @Option(names = "--retrain", description = "Train again even when a matching trained model is cached.")
  boolean retrain;

  @Option(names = "--timesteps", paramLabel = "T,T,...", split = ",", required = true, description = "Steps per inference, e.g. 8,16,32,64,128.")
  List<Integer> timesteps;

  @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N test examples only.")
  Integer limit;

  @Option(names = "--batch", paramLabel = "B", description = "Examples per spiking run (default: as many as fit in memory, up to 256).")
  Integer batch;

  @Option(names = "--jobs", paramLabel = "N", description = "Spiking runs at once (default: all processors).")
  Integer jobs;

  @Mixin
  TargetSelection target;

  @Mixin
  ConversionOptions conversion;

  @Option(names = "--json", description = "Print one JSON object on stdout: ann_accuracy and a results array.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress, no table.")
  boolean quiet;

  @Override
  public Integer call() {
    List<Integer> ts = new ArrayList<>(new LinkedHashSet<>(timesteps));
    for (int t : ts) if (t < 1) throw UserError.of("--timesteps must be at least 1, not " + t, "e.g. --timesteps 8,16,32,64,128");
    ConvertOptions o = conversion.options(ts.getFirst());
    Target other = target.find();
    TargetOptions topts = target.options();
    List<Target> targets = new ArrayList<>();
    targets.add(Targets.find("reference"));
    if (!other.name().equals("reference")) targets.add(other);
    int th = AnnSupport.threads(target.threads); // --threads also sizes training and the ANN's inference
    int jb = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (jb < 1) throw UserError.of("--jobs must be at least 1, not " + jb, "");
    boolean talk = !quiet && !json;
    ModelSource.Loaded loaded = ModelSource.load(file, ann, modelPath, true, retrain, th, !talk, nmc.err);
    TrainedModel tm = loaded.model();
    Datasets.Split data = loaded.data();
    Dataset test = data.test();
    if (test.regression()) throw UserError.of("evaluate compares classifiers; ann " + tm.model().name() + " does regression", "");
    int count = limit == null ? test.size() : limit;
    if (count < 1 || count > test.size()) throw UserError.of("--limit must be in 1 .. " + test.size() + ", not " + count, "");
    Net net = AnnSupport.net(tm, th);
    double annAcc;
    try {
      annAcc = Evaluation.of(net, test, count).accuracy();
    } finally {
      net.close();
    }
    Plan plan = Converter.plan(tm, data.train(), o);
    int b = batch != null ? batch : SnnEvaluator.autoBatch(plan, jb, count);
    if (b < 1) throw UserError.of("--batch must be at least 1, not " + b, "");
    if (talk) {
      nmc.err.printf(Locale.ROOT, "%s: ANN test accuracy %.2f%% on %,d examples; spiking network of %d populations (%,d neurons, %,d connections) per "
              + "example, %d examples per run, %d runs at once; %s%n", tm.model().name(), 100 * annAcc, count, plan.layers().size(),
          plan.layers().stream().mapToInt(Plan.SpikingLayer::size).sum(), SnnEvaluator.connectionsPerCopy(plan), b, jb, conversion.describe());
    }
    // A chip that resets to zero gets the reset-to-zero conversion, and the reference runs the same network beside it
    List<Row> rows = new ArrayList<>();
    Plan chipPlan = null;
    for (Target t : targets) {
      boolean chip = !t.name().equals("reference");
      if (!chip || !resetsToZero(t)) {
        rows.add(new Row(t, plan));
        continue;
      }
      ConvertOptions co = o;
      if (!conversion.resetGiven()) co = co.withReset(ConvertOptions.Reset.ZERO);
      if (!co.equals(o)) {
        chipPlan = Converter.plan(tm, data.train(), co);
        rows.add(new Row(targets.getFirst(), chipPlan));
      }
      rows.add(new Row(t, chipPlan != null ? chipPlan : plan));
    }
    if (talk && chipPlan != null) {
      nmc.err.printf(Locale.ROOT, "  %s resets neurons to zero: its rows (and the reference's next to them) use the conversion for it: %s%s "
              + "(IF neurons, threshold %.4g, logits centred)%n", other.name(), ConversionOptions.resetText(chipPlan.options().reset()),
          ConversionOptions.poolText(chipPlan.options().poolHeadroom()), SnnBuilder.ZERO_RESET_THRESHOLD);
    }
    List<SnnEvaluator.Result> results = new ArrayList<>();
    List<ConvertOptions> used = new ArrayList<>();
    List<Double> oneCopy = new ArrayList<>();
    for (Row row : rows) {
      Target t = row.target();
      Plan rp = row.plan();
      double cores1 = Double.NaN;
      int rb = b;
      if (resetsToZero(t)) {
        // one copy alone: what one inference takes on the chip; a run holds as many copies as the board has cores for
        cores1 = SnnEvaluator.coresForOneCopy(rp, t, topts, test, 0);
        int capacity = ChipSpec.load(topts.get("chip", "loihi")).coresPerChip() * topts.getInt("chips", 1);
        if (batch == null && cores1 > 1) rb = (int) Math.max(1, Math.min(b, Math.floor(capacity / cores1)));
        if (talk) {
          nmc.err.printf(Locale.ROOT, "  %s: one copy of the spiking network maps onto %.0f core%s of %d; %d copies per run%n", t.name(), cores1,
              cores1 == 1 ? "" : "s", capacity, rb);
        }
      }
      for (int steps : ts) {
        SnnEvaluator.Result r;
        String label = t.name() + (rows.size() > targets.size() ? " (" + ConversionOptions.resetText(rp.options().reset())
            + ConversionOptions.poolText(rp.options().poolHeadroom()) + ")" : "");
        try (ProgressReporter bar = ProgressReporter.create(label + " T=" + steps, count, !talk, nmc.err)) {
          r = SnnEvaluator.evaluate(rp, t, t.name().equals("reference") ? TargetOptions.NONE : topts, test, count, steps, rb, jb,
              (done, all) -> {
                synchronized (bar) {
                  bar.update(done, all);
                }
              });
        }
        if (Double.isNaN(cores1) && !Double.isNaN(r.coresUsed())) { // another target that reports cores
          // a target that reports cores: also map one copy alone, what one inference takes (a run holds many copies)
          cores1 = SnnEvaluator.coresForOneCopy(rp, t, topts, test, 0);
          if (talk) nmc.err.printf(Locale.ROOT, "  %s: one copy of the spiking network maps onto %.0f core%s%n", t.name(), cores1, cores1 == 1 ? "" : "s");
        }
        results.add(r);
        used.add(rp.options());
        oneCopy.add(cores1);
        if (talk) {
          nmc.err.printf(Locale.ROOT, "  %s T=%d: SNN accuracy %.2f%% (%.1f s)%n", label, steps, 100 * r.accuracy(), r.wallSeconds());
        }
      }
    }
    if (json) {
      nmc.out.print(Json.print(json(tm, loaded.path(), count, annAcc, results, used, oneCopy)));
    } else if (!quiet) {
      nmc.out.print(table(tm.model().name(), count, annAcc, results, used));
    }
    nmc.out.flush();
    return Nmc.OK;
  }

  /** One target with the reset its conversion uses. */
  private record Row(Target target, Plan plan) {}

  /** Targets whose neurons reset to zero (they refuse IFSubtract). */
  static boolean resetsToZero(Target t) {
    return t.name().equals("loihi");
  }

  private Json.Obj json(TrainedModel tm, Path modelFile, int count, double annAcc, List<SnnEvaluator.Result> results,
      List<ConvertOptions> used, List<Double> oneCopy) {
    List<Json> rs = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      SnnEvaluator.Result r = results.get(i);
      rs.add(Json.object().put("target", r.target()).put("timesteps", r.timesteps())
          .put("reset", used.get(i).reset() == ConvertOptions.Reset.ZERO ? "zero" : "subtract").put("pool_headroom", used.get(i).poolHeadroom()).put("snn_accuracy", r.accuracy())
          .put("synaptic_ops_per_inference", r.synapticOpsPerInference())
          .put("energy_per_inference_j", Double.isNaN(r.energyPerInferenceJ()) ? Json.nul() : Json.of(r.energyPerInferenceJ()))
          .put("wall_s", r.wallSeconds()).put("copies_per_run", r.copiesPerRun())
          .put("cores_used_per_run", Double.isNaN(r.coresUsed()) ? Json.nul() : Json.of(r.coresUsed()))
          .put("cores_used_one_copy", Double.isNaN(oneCopy.get(i)) ? Json.nul() : Json.of(oneCopy.get(i))).build());
    }
    return Json.object().put("ann", tm.model().name()).put("model_file", modelFile.toString()).put("examples", count)
        .put("conversion", conversion.describeBase()).put("ann_accuracy", annAcc).put("results", Json.array(rs)).build();
  }

  static String table(String name, int count, double annAcc, List<SnnEvaluator.Result> results, List<ConvertOptions> used) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s on %,d test examples: ANN accuracy %.2f%%%n%n", name, count, 100 * annAcc));
    String fmt = "  %-10s %-9s %6s  %12s  %8s  %22s  %18s  %6s  %9s%n";
    sb.append(String.format(Locale.ROOT, fmt, "target", "reset", "T", "SNN accuracy", "vs ANN", "synaptic ops/inference", "energy/inference",
        "cores", "wall"));
    for (int i = 0; i < results.size(); i++) {
      SnnEvaluator.Result r = results.get(i);
      ConvertOptions u = used.get(i);
      sb.append(String.format(Locale.ROOT, fmt, r.target(), (u.reset() == ConvertOptions.Reset.ZERO ? "zero" : "subtract")
          + (u.poolHeadroom() == 1 ? "" : "/" + (long) u.poolHeadroom()), r.timesteps(),
          String.format(Locale.ROOT, "%.2f%%", 100 * r.accuracy()),
          String.format(Locale.ROOT, "%+.2f", 100 * (r.accuracy() - annAcc)), String.format(Locale.ROOT, "%,.0f", r.synapticOpsPerInference()),
          Double.isNaN(r.energyPerInferenceJ()) ? "-" : String.format(Locale.ROOT, "%.4g J", r.energyPerInferenceJ()),
          Double.isNaN(r.coresUsed()) ? "-" : String.format(Locale.ROOT, "%.0f", r.coresUsed()), String.format(Locale.ROOT, "%.1f s", r.wallSeconds())));
    }
    if (used.stream().anyMatch(u -> u.poolHeadroom() != 1)) sb.append("  (zero/2: reset to zero, pooling layers at half rate)\n");
    if (results.stream().anyMatch(r -> !Double.isNaN(r.coresUsed()))) sb.append("  (cores: of one run, which holds many copies of the network)\n");
    return sb.toString();
  }
}
