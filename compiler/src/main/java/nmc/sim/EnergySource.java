package nmc.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a target's energy figure comes from, so that modelled, measured and estimated joules are never mixed
 * silently. A target that reports {@code energy_j} in {@code SimResult.metrics()} also reports exactly one of
 * the keys {@code energy_source.model}, {@code energy_source.measured}, {@code energy_source.estimated} with the
 * value 1 (metrics are numbers, so the label is in the key). The one spelling of those keys: {@link SimResult}'s
 * energy helpers, the chip emulators' metrics and {@code nmc compare} all use {@link #key()}.
 */
public enum EnergySource {
  /** From a model of the hardware: operation counts times energy per operation (chip emulators). */
  MODEL,
  /** Read from hardware counters during the run (RAPL for CPUs, NVML for GPUs). */
  MEASURED,
  /** Time multiplied by a stated power; the crudest of the three. */
  ESTIMATED;

  public static final String KEY_PREFIX = "energy_source.";

  /** The metrics key that carries this label, e.g. {@code energy_source.model}. */
  public String key() {
    return KEY_PREFIX + label();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The label of the energy in {@code metrics}: one of the three labels, {@code "unlabelled"} when energy is
   * reported without one, several joined with {@code +} when a target (wrongly) reports more than one, or null
   * when there is no energy figure at all.
   */
  public static String labelOf(Map<String, Double> metrics) {
    List<String> labels = new ArrayList<>();
    for (EnergySource s : values()) {
      Double v = metrics.get(s.key());
      if (v != null && v != 0) labels.add(s.label());
    }
    if (!metrics.containsKey("energy_j")) return labels.isEmpty() ? null : String.join("+", labels);
    return labels.isEmpty() ? "unlabelled" : String.join("+", labels);
  }
}
