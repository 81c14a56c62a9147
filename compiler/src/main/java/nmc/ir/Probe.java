package nmc.ir;

/**
 * What to record. SPIKES: spike times of the chosen neurons; STATE: {@code variable} of the chosen neurons every
 * step; RATE: the population's rate in Hz per bin of {@code bin} seconds. An empty {@code indices} means all.
 */
public record Probe(String name, Kind kind, String population, String variable, Ints indices, double bin, Span span) {
  public enum Kind {
    SPIKES, STATE, RATE
  }
}
