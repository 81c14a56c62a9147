package nmc.runtime;

import java.nio.file.Path;
import java.util.TreeMap;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.runtime.io.Numbers;
import nmc.runtime.io.RunFiles;
import nmc.sim.SimResult;

/**
 * The summary of a run: what {@code nmc run --json} prints and {@code summary.json} holds.
 * <pre>{"network", "target", "steps", "dt_ms", "duration_ms", "wall_s", "seed",
 *  "populations": {name: {"size", "spikes", "rate_hz"}}, "synaptic_events", "metrics": {...}, "out",
 *  "probes": {name: {"kind", "population", ["variable", "unit",] "file"}}}</pre>
 */
public final class RunSummary {
  private RunSummary() {}

  /** Simulated time in seconds: steps times dt. */
  public static double duration(SimResult r) {
    return r.steps() * r.dt();
  }

  public static Json.Obj json(Network net, SimResult r, Path out) {
    double duration = duration(r);
    Json.ObjBuilder pops = Json.object();
    for (SimResult.PopulationStats p : r.populations()) {
      pops.put(p.name(), Json.object().put("size", p.size()).put("spikes", p.spikes())
          .put("rate_hz", Numbers.round12(p.rateHz(duration))).build());
    }
    Json.ObjBuilder metrics = Json.object();
    new TreeMap<>(r.metrics()).forEach(metrics::put);
    return Json.object()
        .put("network", net.name())
        .put("target", r.target())
        .put("steps", r.steps())
        .put("dt_ms", Numbers.msValue(r.dt()))
        .put("duration_ms", Numbers.msValue(duration))
        .put("wall_s", Numbers.round12(r.wallSeconds()))
        .put("seed", net.run().seed())
        .put("populations", pops.build())
        .put("synaptic_events", r.synapticEvents())
        .put("metrics", metrics.build())
        .put("out", out == null ? Json.nul() : Json.of(out.toString()))
        .put("probes", RunFiles.probesJson(RunFiles.plan(r)))
        .build();
  }
}
