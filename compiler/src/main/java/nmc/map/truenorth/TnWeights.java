package nmc.map.truenorth;

import java.util.Arrays;

/**
 * Weights to axon types on one core. A TrueNorth neuron j has one weight per axon type G, and the type belongs to the
 * input axon (the source), so the core's weight matrix must be {@code W[a][j] = s[j][G(a)]}. Given the ideal
 * weights (chip units, one per crossbar bit), this finds the types and the per-neuron weights with the least squared
 * error: alternating minimisation (as k-means): with the types fixed the best {@code s[j][g]} is the mean of neuron
 * j's weights from axons of type g; with the weights fixed every axon takes the type with the least squared error
 * over its connections. It starts from the axons sorted by their mean weight (when at most {@code types} distinct
 * axon rows exist in that order, e.g. one weight per source population, the start is already exact).
 */
public final class TnWeights {
  private TnWeights() {}

  /** {@code type[a]}, and {@code weight[j][g]} signed integers in the chip's range. */
  public record Result(int[] type, int[][] weight, int iterations) {}

  static final int MAX_ITERATIONS = 30;

  /**
   * @param axons input axons of the core; {@code neurons} its neurons; {@code types} axon types
   * @param ca, cj, cx one entry per crossbar bit: axon, neuron, ideal weight (chip units); pairs are distinct
   */
  public static Result cluster(int axons, int neurons, int types, int[] ca, int[] cj, double[] cx, int wMin, int wMax) {
    int m = ca.length;
    // CSR by axon
    int[] start = new int[axons + 1];
    for (int a : ca) start[a + 1]++;
    for (int a = 0; a < axons; a++) start[a + 1] += start[a];
    int[] fill = Arrays.copyOf(start, axons), byAxon = new int[m];
    for (int k = 0; k < m; k++) byAxon[fill[ca[k]]++] = k;
    // start: axons sorted by mean weight, split into equal groups (or one group per distinct row when few)
    double[] mean = new double[axons];
    for (int a = 0; a < axons; a++) {
      double s = 0;
      for (int r = start[a]; r < start[a + 1]; r++) s += cx[byAxon[r]];
      mean[a] = start[a + 1] > start[a] ? s / (start[a + 1] - start[a]) : 0;
    }
    Integer[] order = new Integer[axons];
    for (int a = 0; a < axons; a++) order[a] = a;
    Arrays.sort(order, (x, y) -> Double.compare(mean[x], mean[y]));
    double[] distinct = Arrays.stream(mean).distinct().sorted().toArray();
    int[] type = new int[axons];
    for (int r = 0; r < axons; r++) {
      int a = order[r];
      type[a] = distinct.length <= types ? Arrays.binarySearch(distinct, mean[a]) : (int) ((long) r * types / axons);
    }
    double[] s = new double[neurons * types];
    int it = 0;
    for (; it < MAX_ITERATIONS; it++) {
      means(type, cj, ca, cx, neurons, types, s);
      boolean changed = false;
      double[] cost = new double[types];
      for (int a = 0; a < axons; a++) {
        Arrays.fill(cost, 0);
        for (int r = start[a]; r < start[a + 1]; r++) {
          int k = byAxon[r];
          for (int g = 0; g < types; g++) {
            double d = cx[k] - s[cj[k] * types + g];
            cost[g] += d * d;
          }
        }
        int best = type[a];
        for (int g = 0; g < types; g++) if (cost[g] < cost[best] - 1e-12 * (1 + cost[best])) best = g;
        if (best != type[a]) {
          type[a] = best;
          changed = true;
        }
      }
      if (!changed) break;
    }
    means(type, cj, ca, cx, neurons, types, s);
    int[][] w = new int[neurons][types];
    for (int j = 0; j < neurons; j++) {
      for (int g = 0; g < types; g++) w[j][g] = (int) Math.max(wMin, Math.min(wMax, Math.rint(s[j * types + g])));
    }
    return new Result(type, w, it);
  }

  private static void means(int[] type, int[] cj, int[] ca, double[] cx, int neurons, int types, double[] s) {
    double[] sum = new double[neurons * types];
    int[] cnt = new int[neurons * types];
    for (int k = 0; k < ca.length; k++) {
      int i = cj[k] * types + type[ca[k]];
      sum[i] += cx[k];
      cnt[i]++;
    }
    for (int i = 0; i < s.length; i++) s[i] = cnt[i] == 0 ? 0 : sum[i] / cnt[i];
  }
}
