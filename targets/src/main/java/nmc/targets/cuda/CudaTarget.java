package nmc.targets.cuda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.build.Footprint;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.sim.TargetUnavailable;
import nmc.targets.cpu.Lowering;
import nmc.targets.cpu.NativeRun;
import nmc.targets.cpu.Toolchain;

/**
 * The cuda target: the cpu target's lowering ({@link Lowering}, the same expressions, folded constants, array layout
 * and per-slice synapse tables) written as CUDA C, the step loop one cooperative kernel whose threads own the
 * slices. {@code nmc compile --target cuda --emit cuda} gives the source; {@code nmc run} needs a CUDA device and
 * says so ({@link TargetUnavailable}, exit status 3) when there is none. Where there is one, the source is compiled
 * with nvcc into a cached shared library whose host side (nmc_host_cuda.h) has the cpu kernel's interface, and the
 * cpu target's driver ({@link NativeRun}) runs it; energy from NVML's counter (measured) or the board's power limit
 * x run time (estimated), labelled so.
 *
 * <p>Options: {@code --threads N} (CUDA threads of the grid = slices, default 1024), {@code -O precision=float64|float32},
 * {@code -O exchange=serial|parallel} (who merges, records and sends each step's spikes: thread 0, or every thread its
 * own; the same results), {@code -O device=gpu|emulated}: {@code emulated} builds the same kernels and host side for this CPU against a CUDA
 * emulation ({@link Toolchain#cudaOnHost}) to check a network's results without a GPU; its times are not a GPU's.
 */
public final class CudaTarget implements Target {
  public static final String NAME = "cuda";
  static final List<String> OPTIONS = List.of("threads", "precision", "device", "exchange");
  static final int DEFAULT_THREADS = 1024;
  /** The emulated device's capacity (emulation/cuda_runtime.h: 4 multiprocessors x 64 threads). */
  static final int EMULATED_THREADS_MAX = 256;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the network as CUDA C (the cpu target's lowering, one cooperative kernel); needs an NVIDIA GPU, or -O device=emulated to check results on the CPU";
  }

  @Override
  public SimResult run(Network net, TargetOptions options, Progress progress) {
    Lowering.Options opt = options(options);
    if (emulated(options)) {
      long start = System.nanoTime();
      Footprint.check(net);
      return NativeRun.compileAndRun(NAME, new Lowering(net, opt), toolchain(true), start, progress).withMetric("emulated", 1);
    }
    Optional<String> why = CudaDevice.unavailableReason();
    if (why.isPresent()) {
      throw new TargetUnavailable("no CUDA device: " + why.get(),
          "run on a machine with an NVIDIA GPU, or use --target cpu (same results as the reference); "
              + "'nmc compile FILE --target cuda --emit cuda' writes the CUDA source");
    }
    long start = System.nanoTime();
    Footprint.check(net);
    Lowering low = new Lowering(net, opt);
    Optional<NvmlEnergy> nvml = NvmlEnergy.open();
    long[] at = {-1, -1}; // the counter just before and just after the simulation loop (run_s)
    NativeRun.Meter meter = nvml.map(e -> new NativeRun.Meter(() -> at[0] = e.millijoules(), () -> at[1] = e.millijoules())).orElse(NativeRun.Meter.NONE);
    SimResult r = NativeRun.compileAndRun(NAME, low, toolchain(false), start, progress, meter);
    // the counter covers the simulation loop with its chunks' copies (the interval run_s measures), measured
    if (at[0] >= 0 && at[1] >= at[0]) return r.withMeasuredEnergy((at[1] - at[0]) * 1e-3);
    double watts = nvml.map(NvmlEnergy::powerLimitWatts).orElse(-1.0);
    return watts > 0 ? r.withEstimatedEnergy(watts) : r;
  }

  private static Toolchain nvcc, onHost;

  /** One of each per JVM: a toolchain keeps the kernels it has loaded. */
  private static synchronized Toolchain toolchain(boolean emulated) {
    if (emulated) return onHost != null ? onHost : (onHost = Toolchain.cudaOnHost());
    return nvcc != null ? nvcc : (nvcc = Toolchain.nvcc());
  }

  static boolean emulated(TargetOptions options) {
    return options.getChoice("device", "gpu", List.of("gpu", "emulated"),
        "gpu (default) runs on the CUDA device; emulated runs the same kernels on this CPU, to check results without a GPU").equals("emulated");
  }

  @Override
  public List<String> emitKinds() {
    return List.of("cuda");
  }

  @Override
  public String emit(Network net, String kind, TargetOptions options, Map<String, byte[]> extraFiles) {
    if (!kind.equals("cuda")) return Target.super.emit(net, kind, options, extraFiles);
    return new Lowering(net, options(options)).source();
  }

  static Lowering.Options options(TargetOptions options) {
    options.rejectUnknown(NAME, OPTIONS);
    // emulated, every CUDA thread is a host thread: as many as this machine has cores, unless told otherwise
    int threads = options.getInt("threads", emulated(options) ? Math.min(EMULATED_THREADS_MAX, Runtime.getRuntime().availableProcessors()) : DEFAULT_THREADS);
    if (threads < 1 || threads > 1 << 20) throw UserError.of("--threads must be between 1 and 1048576 for the cuda target, not " + threads,
        "the CUDA threads of the grid; e.g. --threads 1024");
    boolean float32 = nmc.targets.cpu.CpuTarget.precision(options);
    boolean parallel = options.getChoice("exchange", "serial", List.of("serial", "parallel"),
        "how each step's spikes are merged, recorded and sent: serial (one thread, as on the cpu target) or parallel (every thread its own)")
        .equals("parallel");
    return new Lowering.Options(float32, false, threads, true, parallel);
  }
}
