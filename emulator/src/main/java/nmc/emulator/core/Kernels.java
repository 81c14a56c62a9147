package nmc.emulator.core;

import nmc.ir.build.IntList;

/**
 * Which compartment update the cores use: the SIMD one ({@link VectorUpdate}) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and has vector registers of at least 4 lanes, otherwise the scalar
 * loop. Both give identical results; {@code -Dnmc.emulator.simd=false} forces the scalar loop.
 *
 * <p>Until the JIT has compiled it, Vector API code runs 10-100x slower than the scalar loop (every vector is an
 * object), which cost a single cold run seconds. So {@link #prepare()} warms the SIMD kernel up on a small core in
 * a background thread (while the mapping runs), and cores use the scalar loop until that kernel is fast.
 */
public final class Kernels {
  private Kernels() {}

  static final boolean VECTOR = vectorAvailable();
  private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();
  private static volatile boolean ready;

  private static boolean vectorAvailable() {
    if (!Boolean.parseBoolean(System.getProperty("nmc.emulator.simd", "true"))) return false;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
    return VectorUpdate.lanes() >= 4;
  }

  /** Starts warming the SIMD kernel up (once per JVM); returns at once. */
  public static void prepare() {
    if (!VECTOR || !STARTED.compareAndSet(false, true)) return;
    Thread t = new Thread(Kernels::warmUp, "nmc-simd-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** Whether the SIMD kernel is compiled (cores switch to it then). */
  static boolean ready() {
    return ready;
  }

  /** The update in use, for reports: "Vector API, 16 x 32-bit lanes" or "scalar". */
  public static String describe() {
    return VECTOR ? VectorUpdate.describe() : "scalar";
  }

  /**
   * Runs the kernel on small cores (every tail length the lanes allow, spikes, refractory compartments, input) until a
   * call takes under a microsecond: compiled for every path, so real cores do not fall back to the interpreter.
   */
  private static void warmUp() {
    int lanes = VectorUpdate.lanes();
    VectorUpdate[] cores = new VectorUpdate[lanes];
    int[][] accs = new int[lanes][];
    for (int r = 0; r < lanes; r++) {
      int n = 2 * lanes + r;
      int[] acc = new int[n], fu = new int[n], fv = new int[n], bias = new int[n], vth = new int[n], refDelay = new int[n], out = new int[n + 1];
      for (int i = 0; i < n; i++) {
        fu[i] = 3000 + i;
        fv[i] = 3500 + i;
        bias[i] = ((i + r) % 5 - 1) << 12;
        vth[i] = 40_000 + 500 * i;
        refDelay[i] = 1 + i % 4;
        out[i + 1] = out[i] + i % 3;
      }
      accs[r] = acc;
      cores[r] = new VectorUpdate(n, 12, 21, 23, -(1 << 23) + 1, (1 << 23) - 1, acc, new int[n], new int[n], new int[n], fu, fv, bias, vth,
          refDelay, out, new CoreCosts(5, 3, 1, 2, 1, 1, 1, 1));
    }
    IntList spikes = new IntList(), when = new IntList();
    long deadline = System.nanoTime() + 5_000_000_000L; // without C2 (-Xint, C1 only) it never gets fast: stay scalar
    for (int round = 0; System.nanoTime() < deadline; round++) {
      long t0 = System.nanoTime();
      for (int c = 0; c < 256; c++) {
        int r = c % lanes;
        int[] acc = accs[r];
        acc[(c * 7 + round) % acc.length] += (c % 3 - 1) << 14;
        cores[r].update(0, spikes, when);
        spikes.clear();
        when.clear();
      }
      if ((System.nanoTime() - t0) / 256 < 1_000) {
        ready = true;
        return;
      }
    }
  }
}
