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

  /** An on/off option ({@code on|off}, {@code true|false}, {@code yes|no}); {@code hint} says what it does. */
  public boolean getSwitch(String key, boolean fallback, String hint) {
    String v = values.get(key);
    if (v == null) return fallback;
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw UserError.of("option " + key + " must be on or off, not '" + v + "'", hint);
    };
  }

  /** One of {@code allowed} (compared in lower case); {@code hint} says what the choices do. */
  public String getChoice(String key, String fallback, java.util.List<String> allowed, String hint) {
    String v = values.getOrDefault(key, fallback).trim().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw UserError.of("option " + key + " must be " + String.join(" or ", allowed.stream().map(a -> "'" + a + "'").toList())
          + ", not '" + v + "'", hint);
    }
    return v;
  }

  /** A positive time with its unit ({@code 5ms}, {@code "5 ms"}, {@code 0.005s}), in seconds; empty when absent. */
  public Optional<Double> getTime(String key) {
    String v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(nmc.ir.Quantity.timeStep(v, "-O " + key));
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
