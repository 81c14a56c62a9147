package nmc.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nmc.diag.UserError;

/**
 * Target-specific settings from the command line ({@code --chip loihi}, {@code --chips 2}, {@code --threads 4},
 * {@code --option precision=float32}). Keys are lower-case words; a target reads the ones it knows and
 * {@link #rejectUnknown} refuses the rest, so a typo is never silently ignored.
 */
public record TargetOptions(Map<String, String> values) {
  public static final TargetOptions NONE = new TargetOptions(Map.of());

  public TargetOptions {
    values = Map.copyOf(values);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  public int getInt(String key, int fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw UserError.of("option " + key + " must be a whole number, not '" + v + "'", "e.g. --option " + key + "=2");
    }
  }

  public TargetOptions with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key, value);
    return new TargetOptions(m);
  }

  /** Throws a {@link UserError} naming the first option {@code target} does not know. */
  public void rejectUnknown(String target, java.util.Collection<String> known) {
    for (String k : new TreeMap<>(values).keySet()) {
      if (!known.contains(k)) {
        throw UserError.of("target " + target + " has no option '" + k + "'",
            known.isEmpty() ? "this target takes no options" : "its options: " + String.join(", ", known));
      }
    }
  }
}
