package nmc.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.ann.TrainedModel;
import nmc.ann.convert.ConvertOptions;
import nmc.ann.convert.Converter;
import nmc.ann.convert.Plan;
import nmc.ann.convert.SnnBuilder;
import nmc.ann.convert.SnnPrinter;
import nmc.ann.data.Dataset;
import nmc.ann.data.Datasets;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.json.IrJson;
import nmc.runtime.Text;
import nmc.runtime.io.AtomicDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "convert",
    mixinStandardHelpOptions = true,
    header = "Convert a trained ReLU network into a spiking network (.snn source or IR).",
    description = {
        "%nEvery dense or conv2d layer with its ReLU becomes a population of IFSubtract neurons (integrate-and-fire, "
            + "reset by subtraction), or with --reset zero of IF neurons reset to zero (what chips run); batch_norm is folded into the layer before it, dropout and flatten vanish, biases "
            + "become constant inputs, avg_pool a population with weights 1/(window size), max_pool an exact network "
            + "of pairwise maxima, max(a, b) = b + relu(a - b). Weights and biases are normalised per layer by the "
            + "activations measured on training data (docs/ann.md).",
        "%nThe network is written for one test example (--example), which drives it for --timesteps steps of 1 ms; "
            + "'nmc run' runs the result. A .json output file gets the IR instead of source text.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc convert out/fashion_mlp/fashion_mlp.model.json --timesteps 64 -o fashion_mlp_snn.snn",
        "  nmc run fashion_mlp_snn.snn                       run it; out/fashion_mlp_snn/ has the output spikes",
        "  nmc convert samples/fashion_cnn.snn --timesteps 128 --method max --input poisson -o cnn.ir.json"})
final class ConvertCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "MODEL", description = "A model file written by 'nmc train', or the .snn file of a trained ann.")
  Path file;

  @Option(names = "--ann", paramLabel = "NAME", description = "Which ann model, when the .snn file has several.")
  String ann;

  @Option(names = "--model", paramLabel = "PATH", description = "With a .snn file: where its trained model is (default: out/<ann>/<ann>.model.json).")
  Path modelPath;

  @Option(names = "--timesteps", paramLabel = "T", required = true, description = "Steps per inference (1 ms each).")
  int timesteps;

  @Option(names = "--example", paramLabel = "K", defaultValue = "0", description = "The test example that drives the network (default: 0).")
  int example;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (.snn source, or IR when it ends in .json); default: stdout.")
  Path out;

  @Mixin
  ConversionOptions conversion;

  @Override
  public Integer call() throws Exception {
    ConvertOptions o = conversion.options(timesteps);
    ModelSource.Loaded loaded = ModelSource.load(file, ann, modelPath, false, false, 1, true, nmc.err);
    TrainedModel tm = loaded.model();
    Datasets.Split data = loaded.data();
    Dataset test = data.test();
    if (example < 0 || example >= test.size()) {
      throw UserError.of("--example " + example + " is not a test example; there are " + test.size(), "use 0 .. " + (test.size() - 1));
    }
    Plan plan = Converter.plan(tm, data.train(), o);
    float[] x = test.example(example);
    String name = tm.model().name() + "_snn";
    if (out != null) {
      String f = out.getFileName().toString();
      if (f.endsWith(".snn")) name = f.substring(0, f.length() - 4);
    }
    Network net = SnnBuilder.build(plan, List.of(x), Text.safeFileName(name));
    List<String> header = new ArrayList<>();
    header.add("Spiking network converted from ann " + tm.model().name() + " by nmc convert (docs/ann.md).");
    header.add(conversion.describe() + ", " + timesteps + " steps of 1 ms.");
    header.add("Driven by test example " + example + (test.regression() ? "" : " (label " + test.labels()[example] + ")")
        + "; the class is the neuron of 'out' with the most spikes.");
    header.add("Layer scales (lambda): " + String.join(", ", plan.layers().stream()
        .map(l -> l.name() + " " + String.format(Locale.ROOT, "%.4g", l.scale())).toList()));
    String text = out != null && out.toString().endsWith(".json") ? IrJson.print(net) : SnnPrinter.print(net, header);
    if (out == null) {
      nmc.out.print(text);
    } else {
      Path dir = out.toAbsolutePath().getParent();
      try (AtomicDir d = AtomicDir.begin(dir)) {
        d.write(out.getFileName().toString(), text);
        d.commit();
      }
      nmc.err.printf(Locale.ROOT, "wrote %s: %d populations, %,d neurons, %d projections%n", out, net.populations().size(),
          net.neuronCount(), net.projections().size());
    }
    nmc.out.flush();
    return Nmc.OK;
  }
}
