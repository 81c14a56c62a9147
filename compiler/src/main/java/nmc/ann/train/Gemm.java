package nmc.ann.train;

/**
 * Single-precision matrix products {@code C (+)= A·B} on row-major arrays with offsets and leading dimensions.
 * Uses the Vector API kernel ({@link VectorGemm}) when the JVM runs with {@code --add-modules jdk.incubator.vector},
 * the plain loops here otherwise; {@code -Dnmc.ann.kernel=scalar} forces the loops (for comparisons).
 */
public final class Gemm {
  private Gemm() {}

  /** True when the Vector API kernel is in use. */
  public static final boolean VECTOR = chooseVector();

  private static boolean chooseVector() {
    if ("scalar".equals(System.getProperty("nmc.ann.kernel"))) return false;
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** The kernel's name for reports: "vector (16 floats)" or "scalar". */
  public static String kernelName() {
    return VECTOR ? VectorGemm.describe() : "scalar";
  }

  /**
   * {@code C[i][j] = (accumulate ? C[i][j] : 0) + sum_k A[i][k] * B[k][j]} for i < m, j < n, k < kk, where
   * {@code X[r][c]} is {@code x[xo + r * ldx + c]}.
   */
  public static void mul(int m, int n, int kk, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
      boolean accumulate) {
    if (VECTOR) {
      VectorGemm.mul(m, n, kk, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    } else {
      scalar(m, n, kk, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }
  }

  static void scalar(int m, int n, int kk, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
      boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ci = co + i * ldc;
      if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0f);
      for (int k = 0; k < kk; k++) {
        float aik = a[ao + i * lda + k];
        if (aik == 0f) continue;
        int bk = bo + k * ldb;
        for (int j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
      }
    }
  }

  /** {@code t[c][r] = x[r][c]} for an r x c block: {@code t} gets leading dimension {@code rows}. */
  public static void transpose(float[] x, int xo, int rows, int cols, int ldx, float[] t, int to) {
    for (int r = 0; r < rows; r++) {
      int xr = xo + r * ldx;
      for (int c = 0; c < cols; c++) t[to + c * rows + r] = x[xr + c];
    }
  }
}
