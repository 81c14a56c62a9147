package nmc.ann.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix product: a 4-row by 2-vector register tile accumulated over the whole k range (8
 * accumulators, B streamed row by row), masked vectors for the last columns and single rows for the last rows.
 * Only loaded when the incubator module is present (see {@link Gemm}).
 */
final class VectorGemm {
  private VectorGemm() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  static String describe() {
    return "vector (" + V + " floats)";
  }

  static void mul(int m, int n, int kk, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
      boolean acc) {
    int i = 0;
    for (; i + 4 <= m; i += 4) rows4(i, n, kk, a, ao, lda, b, bo, ldb, c, co, ldc, acc);
    for (; i < m; i++) row1(i, n, kk, a, ao, lda, b, bo, ldb, c, co, ldc, acc);
  }

  private static void rows4(int i, int n, int kk, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
      int ldc, boolean acc) {
    int a0 = ao + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    int j = 0;
    for (; j + 2 * V <= n; j += 2 * V) {
      FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      int bk = bo + j;
      for (int k = 0; k < kk; k++, bk += ldb) {
        FloatVector b0 = FloatVector.fromArray(S, b, bk), b1 = FloatVector.fromArray(S, b, bk + V);
        FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
        c00 = x.fma(b0, c00);
        c01 = x.fma(b1, c01);
        x = FloatVector.broadcast(S, a[a1 + k]);
        c10 = x.fma(b0, c10);
        c11 = x.fma(b1, c11);
        x = FloatVector.broadcast(S, a[a2 + k]);
        c20 = x.fma(b0, c20);
        c21 = x.fma(b1, c21);
        x = FloatVector.broadcast(S, a[a3 + k]);
        c30 = x.fma(b0, c30);
        c31 = x.fma(b1, c31);
      }
      int r = co + i * ldc + j;
      store(c00, c, r, acc);
      store(c01, c, r + V, acc);
      store(c10, c, r + ldc, acc);
      store(c11, c, r + ldc + V, acc);
      store(c20, c, r + 2 * ldc, acc);
      store(c21, c, r + 2 * ldc + V, acc);
      store(c30, c, r + 3 * ldc, acc);
      store(c31, c, r + 3 * ldc + V, acc);
    }
    for (; j < n; j += V) {
      VectorMask<Float> mask = S.indexInRange(j, n);
      FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
      int bk = bo + j;
      for (int k = 0; k < kk; k++, bk += ldb) {
        FloatVector b0 = FloatVector.fromArray(S, b, bk, mask);
        c0 = FloatVector.broadcast(S, a[a0 + k]).fma(b0, c0);
        c1 = FloatVector.broadcast(S, a[a1 + k]).fma(b0, c1);
        c2 = FloatVector.broadcast(S, a[a2 + k]).fma(b0, c2);
        c3 = FloatVector.broadcast(S, a[a3 + k]).fma(b0, c3);
      }
      int r = co + i * ldc + j;
      store(c0, c, r, acc, mask);
      store(c1, c, r + ldc, acc, mask);
      store(c2, c, r + 2 * ldc, acc, mask);
      store(c3, c, r + 3 * ldc, acc, mask);
    }
  }

  private static void row1(int i, int n, int kk, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
      int ldc, boolean acc) {
    int a0 = ao + i * lda;
    for (int j = 0; j < n; j += V) {
      VectorMask<Float> mask = S.indexInRange(j, n);
      FloatVector c0 = FloatVector.zero(S);
      int bk = bo + j;
      for (int k = 0; k < kk; k++, bk += ldb) {
        c0 = FloatVector.broadcast(S, a[a0 + k]).fma(FloatVector.fromArray(S, b, bk, mask), c0);
      }
      store(c0, c, co + i * ldc + j, acc, mask);
    }
  }

  private static void store(FloatVector v, float[] c, int at, boolean acc) {
    (acc ? v.add(FloatVector.fromArray(S, c, at)) : v).intoArray(c, at);
  }

  private static void store(FloatVector v, float[] c, int at, boolean acc, VectorMask<Float> mask) {
    (acc ? v.add(FloatVector.fromArray(S, c, at, mask)) : v).intoArray(c, at, mask);
  }
}
