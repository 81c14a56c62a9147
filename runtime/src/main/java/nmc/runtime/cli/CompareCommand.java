package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.runtime.NetworkLoader;
import nmc.runtime.ProgressReporter;
import nmc.runtime.compare.CompareTable;
import nmc.runtime.compare.Comparer;
import nmc.runtime.compare.Comparison;
import nmc.runtime.compare.HtmlReport;
import nmc.runtime.compare.TargetRow;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare",
    mixinStandardHelpOptions = true,
    header = "Run the same network on several targets and compare them side by side.",
    description = {
        "%nRuns the network on each target, one after the other, and prints one table: cores and chips used, spikes, "
            + "agreement with the baseline (correlation of per-neuron spike counts and rate difference per "
            + "population), latency per step and in all, energy (labelled model, measured or estimated), energy per "
            + "inference, energy-delay product, and the wall time of the run itself. Figures a target does not "
            + "report are shown as '-'; nothing is made up.",
        "%nA target that is not in this build, cannot run here (no GPU, no compiler) or cannot express the network "
            + "appears as a row saying why; the others still run. To count spikes per neuron, compare adds a spike "
            + "probe on every population that has none over all its neurons.",
        "%nWith --out DIR it writes DIR/report.html (one self-contained page: tables, energy and latency charts, "
            + "rasters side by side) and DIR/compare.json (what --json prints), atomically.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc compare samples/synfire.snn --targets reference,loihi,truenorth",
        "  nmc compare samples/synfire.snn --targets reference,loihi --out out/synfire_compare",
        "  nmc compare samples/cuba.snn --duration 200ms --json > compare.json",
        "  nmc compare net.snn --targets reference,loihi -O loihi:chips=2",
        "",
        "Exit status: 0 when every target ran or was unavailable, 1 when a target crashed (a bug), 2 for a mistake in "
            + "the input or when no target could run at all."})
final class CompareCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @Option(names = "--targets", paramLabel = "NAME,NAME...", split = ",",
      description = "Targets to compare, in this order (default: every target in this build).")
  List<String> targets;

  @Option(names = "--baseline", paramLabel = "NAME", defaultValue = "reference",
      description = "Agreement is measured against this target (default: ${DEFAULT-VALUE}); run first if not listed.")
  String baseline;

  @Option(names = {"-O", "--option"}, paramLabel = "TARGET:KEY=VALUE",
      description = "An option for one target, e.g. -O loihi:chips=2 (repeatable).")
  List<String> options = List.of();

  @Mixin
  RunOverrides overrides;

  @Option(names = "--examples", paramLabel = "N", defaultValue = "100",
      description = "For a file that defines an ANN: test examples its spiking conversion classifies (default: ${DEFAULT-VALUE}).")
  int examples;

  @Option(names = "--model", paramLabel = "PATH",
      description = "For a file that defines an ANN: its trained model (default: out/<ann>/<ann>.model.json; trained when missing).")
  Path model;

  @Option(names = "--timesteps", paramLabel = "T", defaultValue = "64",
      description = "For a file that defines an ANN: time steps per example (default: ${DEFAULT-VALUE}).")
  int timesteps;

  @Option(names = "--out", paramLabel = "DIR", description = "Write report.html and compare.json into DIR.")
  Path out;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of the table.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines and no table (errors are still printed).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    overrides.validate();
    NetworkLoader.requireReadable(file);
    Comparer comparer = new Comparer();
    List<String> names = targetNames(comparer.registered());
    Map<String, TargetOptions> byTarget = targetOptions(names);
    boolean talk = !quiet && !json;
    Network loaded = NetworkLoader.load(file);
    if (loaded.populations().isEmpty() && file.toString().endsWith(".snn")) {
      // An ANN file: compare its spiking conversion over test examples, scored by a classifier.
      AnnClassifier ac = AnnClassifier.prepare(file, model, examples, timesteps, AnnSupport.threads(null), !talk, nmc.err);
      loaded = ac.network(); // its run block: T steps of the conversion's dt
      comparer.classifier(java.util.Optional.of(ac));
    }
    Network net = overrides.apply(loaded);

    comparer.options(byTarget).listener(new Comparer.Listener() {
      ProgressReporter bar;

      @Override
      public Target.Progress started(String target, long steps) {
        bar = ProgressReporter.create(net.name() + " on " + target, steps, !talk, nmc.err);
        return bar;
      }

      @Override
      public void finished(TargetRow row) {
        if (bar != null) bar.close();
        bar = null;
        if (!talk) return;
        if (row.available()) {
          nmc.err.printf(Locale.ROOT, "  %s: ran in %.3f s%n", row.target(), row.result().wallSeconds());
        } else {
          nmc.err.printf(Locale.ROOT, "  %s: %s%n", row.target(), row.status().label());
        }
      }
    });
    Comparison c = comparer.run(net, names, baseline);

    List<Path> written = out == null ? List.of() : HtmlReport.write(c, out);
    if (json) {
      nmc.out.print(Json.print(c.toJson()));
    } else if (!quiet) {
      nmc.out.print(CompareTable.render(c));
      if (out != null) {
        nmc.out.printf(Locale.ROOT, "%n  wrote %s to %s; open %s in a browser%n",
            String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList()), out,
            out.resolve(HtmlReport.HTML));
      }
    }
    nmc.out.flush();

    for (TargetRow r : c.rows()) {
      if (r.status() != TargetRow.Status.FAILED) continue;
      nmc.err.println("nmc: " + r.reason());
      if (nmc.debug && r.error() != null) r.error().printStackTrace(nmc.err);
    }
    if (c.anyFailed()) {
      if (!nmc.debug) nmc.err.println("This is a bug in a target, not in your network. Run again with --debug for the stack trace and report it.");
      return Nmc.INTERNAL;
    }
    if (!c.anyAvailable()) {
      nmc.err.println(UserError.of("no target could run " + net.name() + "; the table says why for each",
          "'nmc targets' lists the targets of this build").render());
      return Nmc.USER;
    }
    return Nmc.OK;
  }

  /** The --targets list, trimmed and without duplicates; every registered target when not given. */
  private List<String> targetNames(List<String> registered) {
    if (targets == null) return registered;
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String t : targets) {
      String n = t.trim();
      if (n.isEmpty()) throw UserError.of("--targets has an empty name", "e.g. --targets reference,loihi,truenorth");
      names.add(n);
    }
    if (names.isEmpty()) throw UserError.of("--targets is empty", "e.g. --targets reference,loihi,truenorth");
    return new ArrayList<>(names);
  }

  /** -O TARGET:KEY=VALUE, grouped by target; the target must be one that runs. */
  private Map<String, TargetOptions> targetOptions(List<String> names) {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    for (String o : options) {
      int colon = o.indexOf(':'), eq = o.indexOf('=');
      if (colon <= 0 || eq < colon + 2) {
        throw UserError.of("--option expects TARGET:KEY=VALUE, not '" + o + "'", "e.g. -O loihi:chips=2");
      }
      String target = o.substring(0, colon).trim();
      if (!names.contains(target) && !target.equals(baseline)) {
        throw UserError.of("--option " + o + " is for target " + target + ", which is not compared",
            "the targets are " + String.join(", ", names));
      }
      m.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(o.substring(colon + 1, eq).trim(), o.substring(eq + 1).trim());
    }
    Map<String, TargetOptions> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, new TargetOptions(v)));
    return out;
  }
}
