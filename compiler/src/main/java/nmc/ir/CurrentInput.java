package nmc.ir;

/** A current (or any quantity of the port's dimension) injected into a port of every neuron of a population. */
public record CurrentInput(String name, String population, String port, Waveform waveform, Span span) {

  /** The injected value over time; amplitudes may differ per neuron. */
  public sealed interface Waveform {}

  /** {@code amplitude} for start <= t < stop, else 0. */
  public record Step(ValueSpec amplitude, double start, double stop) implements Waveform {}

  /** Linear from {@code from} at start to {@code to} at stop, 0 outside. */
  public record Ramp(ValueSpec from, ValueSpec to, double start, double stop) implements Waveform {}
}
