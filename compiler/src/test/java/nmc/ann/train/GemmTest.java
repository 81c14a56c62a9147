package nmc.ann.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The matrix product against a double-precision reference, on odd sizes, offsets, leading dimensions and tails. */
class GemmTest {
  @Test
  void theTestJvmLoadsTheVectorApi() {
    // surefire runs with --add-modules jdk.incubator.vector (nmc.jvm.flags); without it the fast kernel is never tested
    assertTrue(Gemm.VECTOR, "the Vector API kernel is not in use: " + Gemm.kernelName());
  }

  @Test
  void productMatchesDoublePrecision() {
    qt().withFixedSeed(42L).withExamples(300)
        .forAll(integers().between(1, 37), integers().between(1, 70), integers().between(1, 50), longs().all())
        .checkAssert((m, n, k, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          int ao = r.nextInt(5), bo = r.nextInt(5), co = r.nextInt(5);
          int lda = k + r.nextInt(3), ldb = n + r.nextInt(3), ldc = n + r.nextInt(3);
          float[] a = rand(ao + m * lda, r), b = rand(bo + k * ldb, r), c = rand(co + m * ldc, r);
          boolean acc = r.nextBoolean();
          float[] c0 = c.clone();
          Gemm.mul(m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, acc);
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              double s = acc ? c0[co + i * ldc + j] : 0;
              for (int q = 0; q < k; q++) s += (double) a[ao + i * lda + q] * b[bo + q * ldb + j];
              assertEquals(s, c[co + i * ldc + j], 1e-5 * (k + 1), "C[" + i + "][" + j + "] of " + m + "x" + n + "x" + k);
            }
            // the padding between rows is left alone
            for (int j = n; j < ldc && co + i * ldc + j < c.length; j++) assertEquals(c0[co + i * ldc + j], c[co + i * ldc + j]);
          }
          for (int j = 0; j < co; j++) assertEquals(c0[j], c[j]);
        });
  }

  @Test
  void transposeSwapsRowsAndColumns() {
    float[] x = {1, 2, 3, 4, 5, 6}; // 2 x 3
    float[] t = new float[6];
    Gemm.transpose(x, 0, 2, 3, 3, t, 0);
    assertEquals("[1.0, 4.0, 2.0, 5.0, 3.0, 6.0]", java.util.Arrays.toString(t));
  }

  static float[] rand(int n, SplittableRandom r) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = (float) (r.nextDouble() * 2 - 1);
    return f;
  }
}
