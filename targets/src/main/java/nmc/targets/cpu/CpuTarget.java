package nmc.targets.cpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.build.Footprint;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;

/**
 * The cpu target: the network lowered to C specialised for it ({@link Lowering}), compiled by the system compiler
 * into a cached shared library ({@link Toolchain}) and run through java.lang.foreign ({@link NmcKernel},
 * {@link NativeRun}). In float64 (the default) its spikes and traces are bit-identical to the reference target's,
 * for any thread count.
 *
 * <p>Options: {@code --threads N} (default 1), {@code -O precision=float64|float32}, {@code -O math=java|c}
 * (transcendental functions from Java's Math as the reference, the default in float64, or from the C library:
 * faster, may differ in the last bit), {@code -O power_w=W} (the power to estimate energy with where the processor's
 * counters cannot be read).
 *
 * <p>Energy: the packages' RAPL counters around the simulation loop ({@code energy_source.measured}) where Linux lets us read
 * them; else, with {@code -O power_w=W}, W x the simulation loop's time ({@code energy_source.estimated}); else
 * none (no figure is made up).
 */
public final class CpuTarget implements Target {
  public static final String NAME = "cpu";
  static final List<String> OPTIONS = List.of("threads", "precision", "math", "power_w");

  private final Toolchain toolchain;

  public CpuTarget() {
    this(null);
  }

  /** With a given compiler and cache directory (tests); null: from the environment, on first use. */
  CpuTarget(Toolchain toolchain) {
    this(toolchain, Path.of("/sys/class/powercap"));
  }

  /** ... and where the energy counters are (tests). */
  CpuTarget(Toolchain toolchain, Path powercap) {
    this.toolchain = toolchain;
    this.powercap = powercap;
  }

  private final Path powercap;

  private static volatile Toolchain shared;

  private Toolchain toolchain() {
    if (toolchain != null) return toolchain;
    Toolchain t = shared;
    if (t == null) {
      synchronized (CpuTarget.class) {
        if (shared == null) shared = Toolchain.fromEnvironment();
        t = shared;
      }
    }
    return t;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the network compiled to native C (cc -O3 -march=native, OpenMP), float64 bit-identical to the reference";
  }

  @Override
  public SimResult run(Network net, TargetOptions options, Progress progress) {
    long start = System.nanoTime();
    Lowering.Options opt = options(options);
    Footprint.check(net);
    double powerW = powerOption(options);
    Lowering low = new Lowering(net, opt);
    Optional<RaplEnergy> rapl = RaplEnergy.open(powercap);
    long[][] at = new long[2][]; // the counters just before and just after the simulation loop (run_s)
    NativeRun.Meter meter = rapl.map(e -> new NativeRun.Meter(() -> at[0] = e.sample(), () -> at[1] = e.sample())).orElse(NativeRun.Meter.NONE);
    SimResult r = NativeRun.compileAndRun(NAME, low, toolchain(), start, progress, meter);
    // the packages' counters cover the simulation loop, and anything else the machine did meanwhile
    if (at[0] != null && at[1] != null) return r.withMeasuredEnergy(rapl.get().joules(at[0], at[1]));
    return powerW > 0 ? r.withEstimatedEnergy(powerW) : r;
  }

  /** {@code -O power_w=W}: a positive number of watts, or 0 when not given. */
  static double powerOption(TargetOptions options) {
    String v = options.values().get("power_w");
    if (v == null) return 0;
    try {
      double w = Double.parseDouble(v.strip());
      if (w > 0 && Double.isFinite(w)) return w;
    } catch (NumberFormatException e) {
      // below
    }
    throw UserError.of("-O power_w must be a positive number of watts, not '" + v + "'",
        "the power the processor draws while it simulates, e.g. -O power_w=35; used only where its energy counters cannot be read");
  }

  @Override
  public List<String> emitKinds() {
    return List.of("c");
  }

  @Override
  public String emit(Network net, String kind, TargetOptions options, Map<String, byte[]> extraFiles) {
    if (!kind.equals("c")) return Target.super.emit(net, kind, options, extraFiles);
    Lowering.Options opt = options(options);
    return new Lowering(net, new Lowering.Options(opt.float32(), opt.hostMath(), 1)).source;
  }

  static Lowering.Options options(TargetOptions options) {
    options.rejectUnknown(NAME, OPTIONS);
    int threads = options.getInt("threads", 1);
    if (threads < 1 || threads > 1024) throw UserError.of("--threads must be between 1 and 1024, not " + threads, "e.g. --threads 2");
    boolean float32 = precision(options);
    boolean host = options.getChoice("math", float32 ? "c" : "java", List.of("java", "c"),
        "java: Java's Math as the reference target (bit-identical); c: the C library's (faster)").equals("java");
    if (host && float32) throw UserError.of("-O math=java needs precision=float64", "float32 runs use the C library's float functions");
    return new Lowering.Options(float32, host, threads);
  }

  /** {@code -O precision=float64|float32}, shared with the cuda target; true for float32. */
  public static boolean precision(TargetOptions options) {
    return options.getChoice("precision", "float64", List.of("float64", "float32"), "e.g. -O precision=float32").equals("float32");
  }
}
