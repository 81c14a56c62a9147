package nmc.emulator;

/**
 * How to run a chip program.
 *
 * @param threads worker threads for the per-core phases (results are identical for any count)
 * @param seed seed of the statistical parts (noise); the integer dynamics use none
 * @param profile the chip's energy profile to price operations with (null: the chip's default)
 * @param recordSpikes keep every spike in {@link ChipEmulator#spikes()}
 * @param networkTiming simulate the mesh cycle by cycle (default). Off: spikes, state and operation counts are
 *     unchanged, but hops are not counted and a step's cycles cover only the cores' own work (compartment updates
 *     and synaptic work, as if every message arrived at once), which is much faster for long functional runs
 */
public record EmulatorOptions(int threads, long seed, String profile, boolean recordSpikes, boolean networkTiming) {
  public EmulatorOptions {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
  }

  public static EmulatorOptions defaults() {
    return new EmulatorOptions(1, 0L, null, true, true);
  }

  /**
   * The options a chip target's command line gives: {@code threads}, {@code profile} (energy profile by name),
   * {@code timing} (on: the cycle-level network model; off: same spikes, faster); the run's seed.
   */
  public static EmulatorOptions of(nmc.sim.TargetOptions o, long seed) {
    return defaults().withThreads(o.getInt("threads", 1)).withSeed(seed).withProfile(o.get("profile").orElse(null))
        .withNetworkTiming(o.getSwitch("timing", true, "-O timing=off skips the cycle-level network model (same spikes, faster)"));
  }

  public EmulatorOptions withThreads(int n) {
    return new EmulatorOptions(n, seed, profile, recordSpikes, networkTiming);
  }

  public EmulatorOptions withSeed(long s) {
    return new EmulatorOptions(threads, s, profile, recordSpikes, networkTiming);
  }

  public EmulatorOptions withProfile(String p) {
    return new EmulatorOptions(threads, seed, p, recordSpikes, networkTiming);
  }

  public EmulatorOptions withNetworkTiming(boolean on) {
    return new EmulatorOptions(threads, seed, profile, recordSpikes, on);
  }

  public EmulatorOptions withRecordSpikes(boolean r) {
    return new EmulatorOptions(threads, seed, profile, r, networkTiming);
  }
}
