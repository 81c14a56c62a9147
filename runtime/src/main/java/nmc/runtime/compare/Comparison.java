package nmc.runtime.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.json.Json;
import nmc.runtime.RunSummary;
import nmc.runtime.io.Numbers;

/**
 * The same network run on several targets: one {@link TargetRow} per target, in the order asked for, with
 * agreement measured against {@code baseline}.
 *
 * @param network the network as it ran (with compare's spike probes)
 * @param probes which probe holds each population's spikes
 * @param classifier the classifier that applied, if any
 * @param inferences samples presented per run (1 without a classifier)
 */
public record Comparison(Network network, SpikeProbes probes, String baseline, Optional<String> classifier,
    int inferences, List<TargetRow> rows) {
  public Comparison {
    rows = List.copyOf(rows);
  }

  public double duration() {
    return network.run().duration();
  }

  public long steps() {
    return network.run().steps();
  }

  public Optional<TargetRow> row(String target) {
    return rows.stream().filter(r -> r.target().equals(target)).findFirst();
  }

  /** The baseline's row when it ran. */
  public Optional<TargetRow> baselineRow() {
    return row(baseline).filter(TargetRow::available);
  }

  public boolean anyAvailable() {
    return rows.stream().anyMatch(TargetRow::available);
  }

  public boolean anyFailed() {
    return rows.stream().anyMatch(r -> r.status() == TargetRow.Status.FAILED);
  }

  /** What {@code nmc compare --json} prints and {@code compare.json} holds. */
  public Json.Obj toJson() {
    List<Json> pops = new ArrayList<>();
    for (Population p : network.populations()) {
      pops.add(Json.object().put("name", p.name()).put("size", p.size()).put("source", p.isSource())
          .put("probe", probes.probeOf().get(p.name())).build());
    }
    List<Json> rowsJson = new ArrayList<>();
    for (TargetRow r : rows) rowsJson.add(rowJson(r));
    return Json.object()
        .put("network", network.name())
        .put("steps", steps())
        .put("dt_ms", Numbers.msValue(network.run().dt()))
        .put("duration_ms", Numbers.msValue(duration()))
        .put("seed", network.run().seed())
        .put("baseline", baseline)
        .put("classifier", classifier.map(Json::of).orElse(Json.nul()))
        .put("inferences", inferences)
        .put("populations", Json.array(pops))
        .put("added_spike_probes", Json.array(probes.added().stream().map(Json::of).toList()))
        .put("rows", Json.array(rowsJson))
        .build();
  }

  private Json.Obj rowJson(TargetRow r) {
    TargetRow.Figures f = r.figures();
    Json.ObjBuilder b = Json.object()
        .put("target", r.target())
        .put("available", r.available())
        .put("status", r.status().label())
        .put("reason", r.reason() == null ? Json.nul() : Json.of(r.reason()))
        .put("cores_used", num(f.coresUsed()))
        .put("chips_used", num(f.chipsUsed()))
        .put("spikes", r.available() ? Json.of(r.totalSpikes()) : Json.nul())
        .put("synaptic_events", r.available() ? Json.of(r.result().synapticEvents()) : Json.nul())
        .put("energy_j", num(f.energyJ()))
        .put("energy_source", f.energySource() == null ? Json.nul() : Json.of(f.energySource()))
        .put("energy_per_inference_j", num(f.energyPerInferenceJ()))
        .put("static_energy_j", num(f.staticEnergyJ()));
    Json.ObjBuilder breakdown = Json.object();
    f.energyBreakdownJ().forEach((k, v) -> breakdown.put(k, num(v)));
    b.put("energy_breakdown_j", breakdown.build())
        .put("latency_s", num(f.latencyS()))
        .put("latency_per_step_s", num(f.latencyPerStepS()))
        .put("edp_js", num(f.edpJs()))
        .put("wall_s", num(f.wallS()))
        .put("accuracy", num(f.accuracy()))
        .put("min_correlation", num(r.minCorrelation()))
        .put("max_abs_rate_diff_hz", num(r.maxAbsRateDifferenceHz()));
    Json.ObjBuilder pops = Json.object();
    for (TargetRow.PopulationFigures p : r.populations()) {
      pops.put(p.name(), Json.object()
          .put("size", p.size())
          .put("spikes", p.spikes() < 0 ? Json.nul() : Json.of(p.spikes()))
          .put("rate_hz", num(p.rateHz()))
          .put("correlation", num(p.correlation()))
          .put("rate_diff_hz", num(p.rateDifferenceHz()))
          .build());
    }
    b.put("populations", pops.build());
    Json.ObjBuilder metrics = Json.object();
    if (r.result() != null) new TreeMap<>(r.result().metrics()).forEach((k, v) -> metrics.put(k, num(v)));
    b.put("metrics", metrics.build());
    return b.build();
  }

  /** A figure for JSON: null when not reported (NaN), else rounded to 12 digits. */
  static Json num(double v) {
    if (Double.isNaN(v)) return Json.nul();
    return Json.of(Numbers.round12(v));
  }

  /** Simulated seconds of a result (for the rates), as {@code nmc run} computes them. */
  static double duration(nmc.sim.SimResult r) {
    return RunSummary.duration(r);
  }
}
