package nmc.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.runtime.NetworkLoader;
import nmc.runtime.ProgressReporter;
import nmc.runtime.RunSummary;
import nmc.runtime.Targets;
import nmc.runtime.Text;
import nmc.runtime.io.Numbers;
import nmc.runtime.io.RunFiles;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run",
    mixinStandardHelpOptions = true,
    header = "Run a network on a target and write what its probes recorded.",
    description = {
        "%nThe network's run block (duration, dt, seed) can be overridden here. Quantities need units: "
            + "--duration 500ms, --dt 0.05ms, or \"500 ms\".",
        "%nResults go to DIR (default out/<network name>):",
        "  spikes_<probe>.csv   neuron,t_ms          one spike per line",
        "  trace_<probe>.csv    t_ms,v[0],v[1],...   in the variable's unit",
        "  rate_<probe>.csv     t_ms,rate_hz         population rate per bin",
        "  summary.json         counts and rates (what --json prints)",
        "  network.ir.json      the exact network that ran",
        "%nThe files are replaced together, and only when the run succeeds: a failed or interrupted run leaves "
            + "the previous results as they were. A progress bar shows on stderr when stderr is a terminal.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc run samples/cuba.snn                  results in out/cuba/",
        "  nmc run samples/cuba.snn --duration 200ms --dt 0.05ms --seed 7",
        "  nmc run samples/cuba.snn --out results/cuba_seed7 --seed 7",
        "  nmc run samples/hh_step.snn --json > hh.json",
        "  nmc plot out/cuba                         then look at the results"})
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @Mixin
  TargetSelection target;

  @Mixin
  RunOverrides overrides;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: out/<network name>).")
  Path out;

  @Option(names = "--json", description = "Print the summary as one JSON object on stdout instead of a table.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no table (errors are still printed).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    overrides.validate();
    NetworkLoader.requireReadable(file);
    Target t = target.find(); // before loading, so that a typo fails fast
    TargetOptions options = target.options();
    Network net = overrides.apply(NetworkLoader.load(file));
    Path dir = out != null ? out : Path.of("out", Text.safeFileName(net.name()));
    SimResult r;
    try (ProgressReporter progress = ProgressReporter.create(net.name(), net.run().steps(), quiet, nmc.err)) {
      r = t.run(net, options, progress);
    }
    if (r == null) throw new IllegalStateException("target " + t.name() + " returned no result");
    Json.Obj summary = RunSummary.json(net, r, dir);
    List<Path> written = RunFiles.writeAll(dir, net, r, summary);
    if (json) {
      nmc.out.print(Json.print(summary));
    } else if (!quiet) {
      nmc.out.print(table(net, r, dir, written));
    }
    nmc.out.flush();
    return Nmc.OK;
  }

  /** The human summary: a header line, a table of populations, and where the files went. */
  static String table(Network net, SimResult r, Path dir, List<Path> written) {
    double duration = RunSummary.duration(r);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %s ms in %,d steps of %s ms on %s, %.3f s wall (%s real time)%n%n",
        net.name(), trim(duration * 1e3), r.steps(), trim(r.dt() * 1e3), r.target(), r.wallSeconds(),
        speed(duration, r.wallSeconds())));
    int w = "population".length();
    for (SimResult.PopulationStats p : r.populations()) w = Math.max(w, p.name().length());
    String fmt = "  %-" + w + "s  %9s  %10s  %9s%n";
    sb.append(String.format(Locale.ROOT, fmt, "population", "size", "spikes", "rate (Hz)"));
    for (SimResult.PopulationStats p : r.populations()) {
      sb.append(String.format(Locale.ROOT, fmt, p.name(), String.format(Locale.ROOT, "%,d", p.size()),
          String.format(Locale.ROOT, "%,d", p.spikes()), String.format(Locale.ROOT, "%.3f", p.rateHz(duration))));
    }
    sb.append(String.format(Locale.ROOT, "%n  synaptic events: %,d%n", r.synapticEvents()));
    if (!r.metrics().isEmpty()) {
      sb.append("  metrics:");
      new java.util.TreeMap<>(r.metrics()).forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.6g", k, v)));
      sb.append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%n  wrote %d files to %s: %s%n", written.size(), dir,
        String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList())));
    sb.append("  plot them with: nmc plot ").append(dir).append('\n');
    return sb.toString();
  }

  static String trim(double v) {
    return Numbers.value(v);
  }

  /** Simulated seconds per wall second, "0.430x" (slower than real time) or "12.0x". */
  static String speed(double simulated, double wall) {
    if (wall <= 0) return "n/a";
    double ratio = simulated / wall;
    return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : "%.3gx", ratio);
  }
}
