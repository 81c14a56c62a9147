package nmc.runtime.compare;

/**
 * How closely a target reproduces the baseline on one population: the correlation of per-neuron spike counts
 * across the population's neurons, and the difference of population rates.
 */
public final class Agreement {
  private Agreement() {}

  /**
   * Pearson correlation of {@code a} and {@code b} (same length). When one of them is constant the correlation is
   * undefined: then 1 if the two are identical (perfect agreement, e.g. every neuron fired once in both) and NaN
   * otherwise. NaN also for fewer than two neurons unless identical.
   */
  public static double correlation(long[] a, long[] b) {
    if (a.length != b.length) throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    if (java.util.Arrays.equals(a, b)) return 1;
    int n = a.length;
    if (n < 2) return Double.NaN;
    double ma = 0, mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma, db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) return Double.NaN;
    // rounding can push |r| a hair past 1
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  /** Rate of the target minus rate of the baseline, in Hz, for a population of {@code size} over {@code duration} s. */
  public static double rateDifferenceHz(long targetSpikes, long baselineSpikes, int size, double duration) {
    if (size == 0 || duration <= 0 || targetSpikes < 0 || baselineSpikes < 0) return Double.NaN;
    return (targetSpikes - baselineSpikes) / (size * duration);
  }
}
