package nmc.map.truenorth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Weights to axon types: exact when the weights depend only on a hidden 4-way axon class; never worse than one type. */
class TnWeightsTest {
  /** A dense core: axon a, neuron j has weight level[cls(a)][j]. */
  @Test
  void recoversFourHiddenClassesExactly() {
    qt().withFixedSeed(42L).withExamples(100).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      java.util.Random r = new java.util.Random(seed);
      int axons = 8 + r.nextInt(40), neurons = 1 + r.nextInt(30);
      int[] cls = new int[axons];
      for (int a = 0; a < axons; a++) cls[a] = r.nextInt(4);
      int[][] level = new int[4][neurons];
      for (int g = 0; g < 4; g++) for (int j = 0; j < neurons; j++) level[g][j] = r.nextInt(511) - 256;
      int m = axons * neurons;
      int[] ca = new int[m], cj = new int[m];
      double[] cx = new double[m];
      for (int a = 0, k = 0; a < axons; a++) {
        for (int j = 0; j < neurons; j++, k++) {
          ca[k] = a;
          cj[k] = j;
          cx[k] = level[cls[a]][j];
        }
      }
      TnWeights.Result res = TnWeights.cluster(axons, neurons, 4, ca, cj, cx, -256, 255);
      for (int k = 0; k < m; k++) assertEquals(cx[k], res.weight()[cj[k]][res.type()[ca[k]]], "connection " + k + " seed " + seed);
    });
  }

  @Test
  void squaredErrorIsNoWorseThanOneTypePerCore() {
    qt().withFixedSeed(42L).withExamples(100).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      java.util.Random r = new java.util.Random(seed);
      int axons = 4 + r.nextInt(60), neurons = 1 + r.nextInt(20);
      int m = 0;
      int[] ca = new int[axons * neurons], cj = new int[axons * neurons];
      double[] cx = new double[axons * neurons];
      for (int a = 0; a < axons; a++) {
        for (int j = 0; j < neurons; j++) {
          if (r.nextDouble() < 0.4) continue;
          ca[m] = a;
          cj[m] = j;
          cx[m++] = 30 + 20 * r.nextDouble();
        }
      }
      ca = java.util.Arrays.copyOf(ca, m);
      cj = java.util.Arrays.copyOf(cj, m);
      cx = java.util.Arrays.copyOf(cx, m);
      double four = sse(TnWeights.cluster(axons, neurons, 4, ca, cj, cx, -256, 255), ca, cj, cx);
      double one = sse(TnWeights.cluster(axons, neurons, 1, ca, cj, cx, -256, 255), ca, cj, cx);
      // integer rounding adds at most 0.25 per connection to either side
      assertTrue(four <= one + 0.25 * m + 1e-9, "4 types " + four + ", 1 type " + one);
    });
  }

  static double sse(TnWeights.Result r, int[] ca, int[] cj, double[] cx) {
    double s = 0;
    for (int k = 0; k < ca.length; k++) {
      double d = r.weight()[cj[k]][r.type()[ca[k]]] - cx[k];
      s += d * d;
    }
    return s;
  }
}
