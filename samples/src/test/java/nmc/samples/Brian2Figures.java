package nmc.samples;

/**
 * Figures measured with Brian2 (Debian python3-brian 2.5.1, cython target) on the networks of these samples by
 * docs/bench/brian2_cuba.py; docs/benchmarks.md records the runs. Brian2 is not run by the test suite.
 */
final class Brian2Figures {
  private Brian2Figures() {}

  /**
   * Mean excitatory rate of CUBA over Brian2 seeds 2007, 1, ..., 7 (per seed: 5.848, 5.904, 5.520, 5.851, 5.535,
   * 5.341, 5.160, 5.541 Hz; standard deviation 0.25 Hz).
   */
  static final double CUBA_EXC_RATE_HZ = 5.587;

  /** Seed-to-seed standard deviation of the excitatory rate in Brian2's runs. */
  static final double CUBA_RATE_SD_HZ = 0.25;

  static final int CUBA_BRIAN2_SEEDS = 8;
}
