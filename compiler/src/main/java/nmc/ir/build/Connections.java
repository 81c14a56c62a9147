package nmc.ir.build;

/**
 * The connections of one projection in canonical order (sorted by pre, then post; a pair listed twice in an
 * explicit projection keeps its given relative order), stored as compressed rows by pre: the connections of
 * source {@code i} are the indices {@code rowStart[i] .. rowStart[i+1]-1}. Connection index {@code k} is the
 * counter used for random weights and delays. Weights are SI (sign included), delays in seconds.
 *
 * <p>The arrays are shared, not copied (they may hold 10^9 entries); callers must not modify them.
 */
public record Connections(int preSize, int postSize, int[] rowStart, int[] post, double[] weight, double[] delay) {

  public Connections {
    if (rowStart.length != preSize + 1) throw new IllegalArgumentException("rowStart must have preSize + 1 entries");
    if (weight.length != post.length || delay.length != post.length) {
      throw new IllegalArgumentException("post, weight and delay differ in length");
    }
  }

  /** Number of connections. */
  public int count() {
    return post.length;
  }

  /** Out-degree of source {@code i}. */
  public int rowLength(int i) {
    return rowStart[i + 1] - rowStart[i];
  }

  /** The source of every connection, expanded from the rows (a new array). */
  public int[] pre() {
    int[] pre = new int[post.length];
    for (int i = 0; i < preSize; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) pre[k] = i;
    }
    return pre;
  }

  /** Delays as whole steps, {@code round(delay / dt)} (common.md, step 6). */
  public int[] delaySteps(double dt) {
    int[] d = new int[delay.length];
    for (int k = 0; k < d.length; k++) d[k] = steps(delay[k], dt);
    return d;
  }

  /** The largest delay in steps (0 without connections). */
  public int maxDelaySteps(double dt) {
    int m = 0;
    for (double d : delay) m = Math.max(m, steps(d, dt));
    return m;
  }

  /** True when every connection has the same weight (also true without connections). */
  public boolean uniformWeight() {
    return allEqual(weight);
  }

  /** True when every connection has the same delay (also true without connections). */
  public boolean uniformDelay() {
    return allEqual(delay);
  }

  static int steps(double delay, double dt) {
    return (int) Math.round(delay / dt);
  }

  private static boolean allEqual(double[] a) {
    for (double v : a) if (Double.compare(v, a[0]) != 0) return false;
    return true;
  }
}
