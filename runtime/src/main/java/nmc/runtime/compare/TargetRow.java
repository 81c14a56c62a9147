package nmc.runtime.compare;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nmc.sim.EnergySource;
import nmc.sim.SimResult;

/**
 * One target's line of a comparison. Figures a target did not report are NaN (shown as "-", null in JSON):
 * compare never makes a figure up.
 *
 * @param result what the target returned; null unless {@code status} is OK
 * @param error the exception of a FAILED target (for {@code --debug}); null otherwise
 */
public record TargetRow(
    String target,
    Status status,
    String reason,
    SimResult result,
    Throwable error,
    List<PopulationFigures> populations,
    Figures figures) {

  public enum Status {
    /** Ran. */
    OK,
    /** Could not run here: not registered, no GPU or compiler, or it cannot express this network (it said why). */
    UNAVAILABLE,
    /** Crashed: a bug in the target. */
    FAILED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TargetRow {
    populations = List.copyOf(populations);
  }

  public boolean available() {
    return status == Status.OK;
  }

  static TargetRow unavailable(String target, String reason) {
    return new TargetRow(target, Status.UNAVAILABLE, reason, null, null, List.of(), Figures.NONE);
  }

  static TargetRow failed(String target, String reason, Throwable error) {
    return new TargetRow(target, Status.FAILED, reason, null, error, List.of(), Figures.NONE);
  }

  TargetRow withPopulations(List<PopulationFigures> p) {
    return new TargetRow(target, status, reason, result, error, p, figures);
  }

  public long totalSpikes() {
    if (result == null) return -1;
    return result.populations().stream().mapToLong(SimResult.PopulationStats::spikes).sum();
  }

  /** Worst correlation over the populations that have one (NaN when none has). */
  public double minCorrelation() {
    return populations.stream().mapToDouble(PopulationFigures::correlation).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
  }

  /** Largest |rate difference| over the populations (NaN when none has one). */
  public double maxAbsRateDifferenceHz() {
    return populations.stream().mapToDouble(PopulationFigures::rateDifferenceHz).filter(d -> !Double.isNaN(d))
        .map(Math::abs).max().orElse(Double.NaN);
  }

  /**
   * One population on one target. {@code spikes} is -1 when the target did not report the population;
   * {@code correlation} and {@code rateDifferenceHz} are against the baseline (NaN on the baseline itself, or
   * when either side lacks the data).
   */
  public record PopulationFigures(String name, int size, long spikes, double rateHz, double correlation, double rateDifferenceHz) {}

  /**
   * The figures read from the target's metrics, SI units; NaN when not reported.
   *
   * @param energySource label of {@code energyJ} ({@link EnergySource#labelOf}); null without energy
   * @param energyBreakdownJ {@code energy_j.<class>} by class, sorted
   * @param latencyPerStepS {@code latency_s_per_step}, else {@code latency_s / steps}
   * @param edpJs energy-delay product, {@code energy_j * latency_s}
   * @param energyPerInferenceJ {@code energy_j} divided by the samples one run presents (1 unless a classifier says)
   * @param accuracy fraction correct when the network is a classifier
   */
  public record Figures(
      double coresUsed,
      double chipsUsed,
      double energyJ,
      String energySource,
      double staticEnergyJ,
      Map<String, Double> energyBreakdownJ,
      double energyPerInferenceJ,
      double latencyS,
      double latencyPerStepS,
      double edpJs,
      double wallS,
      double accuracy) {
    static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, Map.of(), Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public Figures {
      energyBreakdownJ = java.util.Collections.unmodifiableMap(new TreeMap<>(energyBreakdownJ));
    }

    /** The figures of {@code r}; {@code inferences} samples per run, {@code accuracy} NaN unless a classifier applies. */
    static Figures of(SimResult r, int inferences, double accuracy) {
      Map<String, Double> m = r.metrics();
      double energy = get(m, "energy_j"), latency = get(m, "latency_s");
      double perStep = get(m, "latency_s_per_step");
      if (Double.isNaN(perStep) && !Double.isNaN(latency) && r.steps() > 0) perStep = latency / r.steps();
      Map<String, Double> breakdown = new TreeMap<>();
      m.forEach((k, v) -> {
        if (k.startsWith("energy_j.") && v != null) breakdown.put(k.substring("energy_j.".length()), v);
      });
      return new Figures(get(m, "cores_used"), get(m, "chips_used"), energy, EnergySource.labelOf(m),
          get(m, "static_energy_j"), breakdown, inferences > 0 ? energy / inferences : Double.NaN, latency, perStep,
          energy * latency, r.wallSeconds(), accuracy);
    }

    static double get(Map<String, Double> m, String key) {
      Double v = m.get(key);
      return v == null ? Double.NaN : v;
    }
  }
}
