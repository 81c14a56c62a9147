package nmc.emulator.noc;

/** Observes every move of every message in {@link MeshNoc} (tests check paths, link use and buffers with it). */
public interface NocTrace {
  /** Message entered the local input buffer of its source router. */
  default void injected(int msg, int router, long cycle) {}

  /**
   * Message left {@code router} through {@code outPort} ({@link MeshNoc#EAST} ... or {@link MeshNoc#EJECT} + slot)
   * at {@code cycle}; it reaches {@code toRouter} (or, for an ejection, the core's queue) at {@code arrival}.
   */
  default void departed(int msg, int router, int outPort, int toRouter, long cycle, long arrival) {}

  /** Core started processing the message (it leaves the core's input queue). */
  default void consumed(int msg, int core, long cycle) {}
}
