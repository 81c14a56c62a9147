package nmc.sim;

import java.util.List;
import java.util.Map;

/**
 * What a run produced: counts for every population, and the data of every probe.
 *
 * @param metrics target-specific figures (energy, latency, cores ...) by name, in SI units; may be empty
 */
public record SimResult(
    String target,
    long steps,
    double dt,
    double wallSeconds,
    List<PopulationStats> populations,
    long synapticEvents,
    List<SpikeData> spikes,
    List<TraceData> traces,
    List<RateData> rates,
    Map<String, Double> metrics) {

  public SimResult {
    populations = List.copyOf(populations);
    spikes = List.copyOf(spikes);
    traces = List.copyOf(traces);
    rates = List.copyOf(rates);
    metrics = Map.copyOf(metrics);
  }

  /** Spike count of a whole population over the run. */
  public record PopulationStats(String name, int size, long spikes) {
    public double rateHz(double duration) {
      return size == 0 || duration <= 0 ? 0 : spikes / (size * duration);
    }
  }

  /** A spike probe: spike k was emitted by neuron {@code neuron[k]} (index in the population) at {@code times[k]} s, in time order. */
  public record SpikeData(String probe, String population, int[] neuron, double[] times) {}

  /**
   * A state probe: {@code values[i][k]} is {@code variable} of neuron {@code indices[i]} at time {@code times[k]}
   * (SI units, after step k's update; times[0] = 0 holds the initial state).
   */
  public record TraceData(String probe, String population, String variable, String unit, int[] indices, double[] times, double[][] values) {}

  /** A rate probe: population rate in Hz over bins of {@code bin} seconds starting at 0. */
  public record RateData(String probe, String population, double bin, double[] rateHz) {}

  /**
   * This result with {@code energy_j} read from hardware counters over the run (RAPL, NVML), labelled
   * {@code energy_source.measured}.
   */
  public SimResult withMeasuredEnergy(double joules) {
    return withMetrics(Map.of("energy_j", joules, EnergySource.MEASURED.key(), 1.0));
  }

  /**
   * This result with {@code energy_j} = {@code watts} x {@code run_s} (the simulation loop's time), labelled
   * {@code energy_source.estimated}, and {@code power_w}.
   */
  public SimResult withEstimatedEnergy(double watts) {
    return withMetrics(Map.of("energy_j", watts * metrics.get("run_s"), EnergySource.ESTIMATED.key(), 1.0, "power_w", watts));
  }

  /** This result with one more metric (e.g. {@code emulated} = 1: the times are not the named hardware's). */
  public SimResult withMetric(String name, double value) {
    return withMetrics(Map.of(name, value));
  }

  private SimResult withMetrics(Map<String, Double> more) {
    Map<String, Double> m = new java.util.LinkedHashMap<>(metrics);
    m.putAll(more);
    return new SimResult(target, steps, dt, wallSeconds, populations, synapticEvents, spikes, traces, rates, m);
  }

  public PopulationStats population(String name) {
    return populations.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }
}
