package nmc.emulator.core;

/**
 * Which compartment update the cores use: the SIMD one ({@link VectorUpdate}) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and has vector registers of at least 4 lanes, otherwise the scalar
 * loop. Both give identical results; {@code -Dnmc.emulator.simd=false} forces the scalar loop.
 */
public final class Kernels {
  private Kernels() {}

  static final boolean VECTOR = vectorAvailable();

  private static boolean vectorAvailable() {
    if (!Boolean.parseBoolean(System.getProperty("nmc.emulator.simd", "true"))) return false;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
    return VectorUpdate.lanes() >= 4;
  }

  /** The update in use, for reports: "Vector API, 16 x 32-bit lanes" or "scalar". */
  public static String describe() {
    return VECTOR ? VectorUpdate.describe() : "scalar";
  }
}
