package nmc.samples;

/**
 * Figures measured with Brian2 (Debian python3-brian 2.5.1, cython target) on the networks of these samples by
 * docs/bench/brian2_cuba.py; docs/benchmarks.md records the runs. Brian2 is not run by the test suite.
 */
final class Brian2Figures {
  private Brian2Figures() {}

  /** Mean excitatory rate of CUBA, averaged over seeds (filled in from the measurement). */
  static final double CUBA_EXC_RATE_HZ = Double.NaN;

  /** Seed-to-seed spread of that rate is the scale of this tolerance. */
  static final double CUBA_RATE_TOLERANCE_HZ = Double.NaN;
}
