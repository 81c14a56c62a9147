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
 * @param compartmentsPerThread the least compartments a thread must get before a run uses it: a step's parallel
 *     phases take microseconds, and below this size handing them to another thread costs more than it saves
 *     (default {@link #COMPARTMENTS_PER_THREAD}; 1 uses every thread asked for)
 */
public record EmulatorOptions(int threads, long seed, String profile, boolean recordSpikes, boolean networkTiming, int compartmentsPerThread) {
  /**
   * Measured on a busy 2-core machine: CUBA on the loihi target (4,000 compartments on 7 cores, about 10 us of work
   * per step) ran 2x slower on 2 threads than on 1; at 20,000 compartments (359 cores) the two were even.
   */
  public static final int COMPARTMENTS_PER_THREAD = 8192;

  public EmulatorOptions {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    if (compartmentsPerThread < 1) throw new IllegalArgumentException("compartmentsPerThread must be at least 1");
  }

  public static EmulatorOptions defaults() {
    return new EmulatorOptions(1, 0L, null, true, true, COMPARTMENTS_PER_THREAD);
  }

  /** Threads a program of {@code compartments} compartments runs on: at most {@link #threads()}. */
  public int threadsFor(long compartments) {
    return (int) Math.max(1, Math.min(threads, compartments / compartmentsPerThread));
  }

  /**
   * The options a chip target's command line gives: {@code threads}, {@code profile} (energy profile by name),
   * {@code timing} (on: the cycle-level network model; off: same spikes, faster); the run's seed.
   */
  public static EmulatorOptions of(nmc.sim.TargetOptions o, long seed) {
    int threads = o.getInt("threads", 1);
    if (threads < 1) throw nmc.diag.UserError.of("option threads must be at least 1, not " + threads, "e.g. -O threads=2 or --threads 2");
    return defaults().withThreads(threads).withSeed(seed).withProfile(o.get("profile").orElse(null))
        .withNetworkTiming(o.getSwitch("timing", true, "-O timing=off skips the cycle-level network model (same spikes, faster)"));
  }

  public EmulatorOptions withThreads(int n) {
    return new EmulatorOptions(n, seed, profile, recordSpikes, networkTiming, compartmentsPerThread);
  }

  public EmulatorOptions withSeed(long s) {
    return new EmulatorOptions(threads, s, profile, recordSpikes, networkTiming, compartmentsPerThread);
  }

  public EmulatorOptions withProfile(String p) {
    return new EmulatorOptions(threads, seed, p, recordSpikes, networkTiming, compartmentsPerThread);
  }

  public EmulatorOptions withNetworkTiming(boolean on) {
    return new EmulatorOptions(threads, seed, profile, recordSpikes, on, compartmentsPerThread);
  }

  public EmulatorOptions withRecordSpikes(boolean r) {
    return new EmulatorOptions(threads, seed, profile, r, networkTiming, compartmentsPerThread);
  }

  public EmulatorOptions withCompartmentsPerThread(int c) {
    return new EmulatorOptions(threads, seed, profile, recordSpikes, networkTiming, c);
  }
}
