package nmc.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.runtime.NetworkLoader;
import nmc.runtime.RunSummary;
import nmc.runtime.Targets;
import nmc.runtime.io.Numbers;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench",
    mixinStandardHelpOptions = true,
    header = "Measure how fast a target runs a network.",
    description = {
        "%nRuns the network N times after some untimed warm-up runs (which let the JVM compile the hot loops) "
            + "and reports the median wall time of a whole run (building the network included), simulated "
            + "seconds per wall second, synaptic events per second, and the spike count. The counts must be the "
            + "same in every run (a target is deterministic for a given seed): bench checks this and exits with "
            + "status 1 if not. Nothing is written to disk.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  nmc bench samples/cuba.snn                     5 timed runs after 1 warm-up",
        "  nmc bench samples/cuba.snn --repeat 10 --warmup 3 --json",
        "  docs/bench/cuba_vs_brian2.sh                   the same network against Brian2"})
final class BenchCommand implements Callable<Integer> {
  @ParentCommand
  Nmc nmc;

  @Parameters(paramLabel = "FILE", description = "The network: a .snn source file (or IR JSON, .json).")
  Path file;

  @picocli.CommandLine.Mixin
  TargetSelection target;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin
  RunOverrides overrides;

  @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
  boolean json;

  /** What one run produced that must not change from run to run. */
  record Counts(long[] spikes, long synapticEvents) {
    static Counts of(SimResult r) {
      return new Counts(r.populations().stream().mapToLong(SimResult.PopulationStats::spikes).toArray(), r.synapticEvents());
    }

    boolean same(Counts o) {
      return Arrays.equals(spikes, o.spikes) && synapticEvents == o.synapticEvents;
    }

    long total() {
      return Arrays.stream(spikes).sum();
    }
  }

  @Override
  public Integer call() {
    if (repeat < 1) throw UserError.of("--repeat must be at least 1 (got " + repeat + ")", "e.g. --repeat 5");
    if (warmup < 0) throw UserError.of("--warmup cannot be negative (got " + warmup + ")", "e.g. --warmup 1");
    overrides.validate();
    NetworkLoader.requireReadable(file);
    Target t = target.find(); // before loading, so that a typo fails fast
    TargetOptions options = target.options();
    Network net = overrides.apply(NetworkLoader.load(file));

    List<Counts> counts = new ArrayList<>();
    double[] wall = new double[repeat];
    double[] targetWall = new double[repeat];
    SimResult last = null;
    for (int i = 0; i < warmup + repeat; i++) {
      System.gc(); // a collection left over from the previous run should not land in this one's time
      long t0 = System.nanoTime();
      SimResult r = t.run(net, options, Target.Progress.NONE);
      long t1 = System.nanoTime();
      counts.add(Counts.of(r));
      if (i >= warmup) {
        wall[i - warmup] = (t1 - t0) * 1e-9;
        targetWall[i - warmup] = r.wallSeconds();
      }
      last = r;
      if (!json) nmc.err.printf(Locale.ROOT, "  %s %d/%d: %.3f s%n", i < warmup ? "warm-up" : "run", i < warmup ? i + 1 : i - warmup + 1,
          i < warmup ? warmup : repeat, (t1 - t0) * 1e-9);
    }
    boolean identical = counts.stream().allMatch(c -> c.same(counts.get(0)));
    double median = median(wall);
    double duration = RunSummary.duration(last);
    long events = last.synapticEvents();
    long spikes = counts.get(0).total();

    if (json) {
      Json.ObjBuilder pops = Json.object();
      for (SimResult.PopulationStats p : last.populations()) {
        pops.put(p.name(), Json.object().put("size", p.size()).put("spikes", p.spikes())
            .put("rate_hz", Numbers.round12(p.rateHz(duration))).build());
      }
      List<Json> walls = new ArrayList<>();
      for (double w : wall) walls.add(Json.of(Numbers.round12(w)));
      Json.ObjBuilder metrics = Json.object();
      new java.util.TreeMap<>(last.metrics()).forEach(metrics::put);
      nmc.out.print(Json.print(Json.object()
          .put("network", net.name())
          .put("target", last.target())
          .put("steps", last.steps())
          .put("dt_ms", Numbers.msValue(last.dt()))
          .put("duration_ms", Numbers.msValue(duration))
          .put("seed", net.run().seed())
          .put("warmup", warmup)
          .put("repeat", repeat)
          .put("wall_s", Json.array(walls))
          .put("median_wall_s", Numbers.round12(median))
          .put("min_wall_s", Numbers.round12(Arrays.stream(wall).min().orElse(0)))
          .put("max_wall_s", Numbers.round12(Arrays.stream(wall).max().orElse(0)))
          .put("median_target_wall_s", Numbers.round12(median(targetWall)))
          .put("sim_s_per_wall_s", Numbers.round12(duration / median))
          .put("synaptic_events", events)
          .put("synaptic_events_per_s", Numbers.round12(events / median))
          .put("spikes", spikes)
          .put("spikes_identical", identical)
          .put("populations", pops.build())
          .put("metrics", metrics.build())
          .build()));
    } else {
      nmc.out.printf(Locale.ROOT, "%s on %s: %s ms of network time, %d timed runs after %d warm-up%n",
          net.name(), last.target(), RunCommand.trim(duration * 1e3), repeat, warmup);
      nmc.out.printf(Locale.ROOT, "  median wall time     %.4f s   (min %.4f, max %.4f)%n", median,
          Arrays.stream(wall).min().orElse(0), Arrays.stream(wall).max().orElse(0));
      nmc.out.printf(Locale.ROOT, "  simulated / wall     %.3f s per s%n", duration / median);
      nmc.out.printf(Locale.ROOT, "  synaptic events      %,d  (%.3f million per second)%n", events, events / median / 1e6);
      nmc.out.printf(Locale.ROOT, "  spikes               %,d  (%s)%n", spikes,
          identical ? "identical in all " + counts.size() + " runs" : "NOT identical across runs");
    }
    nmc.out.flush();
    if (!identical) {
      nmc.err.println("nmc: internal error: target " + last.target() + " is not deterministic: spike or event counts differ"
          + " between runs of the same network and seed: " + counts.stream().map(c -> c.total() + "/" + c.synapticEvents()).toList());
      return Nmc.INTERNAL;
    }
    return Nmc.OK;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
