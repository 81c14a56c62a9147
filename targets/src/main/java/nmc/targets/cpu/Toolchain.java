package nmc.targets.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import nmc.diag.UserError;

/**
 * A compiler for generated kernels (the system C compiler for the cpu target, nvcc for the cuda target) and the
 * cache of compiled kernels. A kernel is cached under a hash of its source, the
 * compiler command, its version line, the flags and the CPU model (flags say -march=native), in {@code $NMC_CACHE}
 * or {@code ~/.cache/nmc/cpu}. It is compiled to a temporary name and moved into place atomically, so a failed
 * or interrupted compilation never leaves a half-written entry. The C compiler is {@code $NMC_CC} or {@code cc}; nvcc
 * is {@code $NMC_NVCC} or {@code /usr/local/cuda/bin/nvcc}.
 */
public final class Toolchain {
  /**
   * No -ffast-math and no contraction into fused multiply-adds: the reference's operations, rounding for
   * rounding. -fno-math-errno only lets sqrt be inlined (it changes no value).
   */
  static final List<String> FLAGS = List.of("-O3", "-march=native", "-ffp-contract=off", "-fno-fast-math", "-fno-math-errno", "-fopenmp",
      "-fPIC", "-shared", "-std=gnu11");

  /**
   * nvcc: no fused multiply-add (as -ffp-contract=off), no fast math; device code for Ampere and Hopper plus PTX
   * that newer GPUs compile at load; the CUDA runtime linked statically, so the library needs only the driver.
   */
  static final List<String> NVCC_FLAGS = List.of("-O3", "--fmad=false", "-shared", "-Xcompiler", "-fPIC", "-cudart", "static",
      "-gencode", "arch=compute_80,code=sm_80", "-gencode", "arch=compute_90,code=sm_90", "-gencode", "arch=compute_90,code=compute_90");

  /** What a kernel is compiled with: the command, its flags, the source's extension and how to help when it fails. */
  record Compiler(String command, List<String> flags, String extension, String target, String kind, String installHint) {
    String what() {
      return "the " + kind + " '" + command + "'";
    }
  }

  final String compiler;
  final Compiler spec;
  final Path cacheDir;
  private final ConcurrentHashMap<Path, NmcKernel> loaded = new ConcurrentHashMap<>();
  private volatile String identity;

  Toolchain(String compiler, Path cacheDir) {
    this(new Compiler(compiler, FLAGS, ".c", "cpu", "C compiler",
        "install gcc (Debian: apt-get install gcc), or set NMC_CC to a C compiler with OpenMP"), cacheDir);
  }

  Toolchain(Compiler spec, Path cacheDir) {
    this.spec = spec;
    this.compiler = spec.command();
    this.cacheDir = cacheDir;
  }

  static Toolchain fromEnvironment() {
    String cc = System.getenv("NMC_CC");
    return new Toolchain(cc != null && !cc.isBlank() ? cc.trim() : "cc", cacheDir("cpu"));
  }

  /** Where compiled kernels are kept: {@code $NMC_CACHE}, else {@code ~/.cache/nmc/<kind>}. */
  static Path cacheDir(String kind) {
    String cache = System.getenv("NMC_CACHE");
    return cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "nmc", kind);
  }

  /** nvcc ({@code $NMC_NVCC} or CUDA's default place), caching in {@code $NMC_CACHE} or {@code ~/.cache/nmc/cuda}. */
  public static Toolchain nvcc() {
    String nvcc = System.getenv("NMC_NVCC");
    String cmd = nvcc != null && !nvcc.isBlank() ? nvcc.trim() : "/usr/local/cuda/bin/nvcc";
    return new Toolchain(new Compiler(cmd, NVCC_FLAGS, ".cu", "cuda", "CUDA compiler",
        "install the CUDA toolkit (nvcc), or set NMC_NVCC to its nvcc"), cacheDir("cuda"));
  }

  /**
   * The cuda target's source built for this machine's CPU instead (no GPU needed): g++ ({@code $NMC_CXX} or
   * {@code g++}) compiles it as C++ against a CUDA runtime emulation (resources {@code nmc/targets/cuda/emulation/}:
   * every CUDA thread a host thread, grid syncs barriers, device memory and the device heap host memory). It runs
   * the very kernels and host side a GPU would, so tests check their logic and their results here; CUDA's own
   * exp/log/pow and the timing are what it cannot show. Caches in {@code cacheDir}.
   */
  public static Toolchain cudaOnHost(Path cacheDir) {
    return cudaOnHost(cacheDir, List.of());
  }

  /** {@link #cudaOnHost(Path)} caching in {@code $NMC_CACHE} or {@code ~/.cache/nmc/cuda-emulated}. */
  public static Toolchain cudaOnHost() {
    return cudaOnHost(cacheDir("cuda-emulated"));
  }

  /** As {@link #cudaOnHost(Path)}, with the emulated device changed by {@code defines} (e.g. -DNMC_EMU_MEMORY=N). */
  static Toolchain cudaOnHost(Path cacheDir, List<String> defines) {
    String cxx = System.getenv("NMC_CXX");
    String cmd = cxx != null && !cxx.isBlank() ? cxx.trim() : "g++";
    Path headers = cacheDir.resolve("cuda-emulation");
    try {
      Files.createDirectories(headers);
      for (String h : List.of("cuda_runtime.h", "cooperative_groups.h")) {
        String text = Lowering.resource("/nmc/targets/cuda/emulation/" + h);
        Path file = headers.resolve(h);
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(text)) {
          Path tmp = Files.createTempFile(headers, "." + h, ".tmp");
          Files.writeString(tmp, text);
          move(tmp, file);
        }
      }
    } catch (IOException e) {
      throw UserError.of("cannot write the CUDA emulation headers into " + headers + ": " + e.getMessage(), "set NMC_CACHE to a writable directory");
    }
    // the headers' text is in the source's cache key through -include's folder only: hash them into the flags
    List<String> flags = new ArrayList<>(List.of("-x", "c++", "-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math", "-fPIC", "-shared",
        "-pthread", "-Wno-unknown-pragmas", "-I", headers.toString(), "-include", "cuda_runtime.h", "-DNMC_EMULATION_HEADERS=" + headersHash()));
    flags.addAll(defines);
    return new Toolchain(new Compiler(cmd, flags, ".cu", "cuda", "C++ compiler (for the CUDA emulation)",
        "install g++ (Debian: apt-get install g++), or set NMC_CXX to a C++17 compiler"), cacheDir);
  }

  private static String headersHash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String h : List.of("cuda_runtime.h", "cooperative_groups.h")) md.update(Lowering.resource("/nmc/targets/cuda/emulation/" + h).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A loaded kernel, and the seconds spent compiling it (0 when the cache had it). */
  record Compiled(NmcKernel kernel, Path library, double compileSeconds) {}

  /** The kernel for {@code source}: from this JVM, from the cache directory, or compiled now. */
  Compiled kernel(String source, String network) {
    String key = key(source);
    Path lib = cacheDir.resolve("nmc-" + key + ".so");
    NmcKernel k = loaded.get(lib);
    if (k != null) return new Compiled(k, lib, 0);
    double seconds = 0;
    if (!Files.isRegularFile(lib)) seconds = compile(source, network, key, lib);
    synchronized (loaded) {
      k = loaded.computeIfAbsent(lib, NmcKernel::load);
    }
    if (k.nmc_abi() != NmcKernel.NMC_KERNEL_ABI) throw new IllegalStateException("kernel " + lib + " has ABI " + k.nmc_abi());
    return new Compiled(k, lib, seconds);
  }

  /** The cache key: SHA-256 of everything that determines the library's contents, 32 hex digits. */
  String key(String source) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(source.getBytes(StandardCharsets.UTF_8));
      md.update(("\0" + compiler + "\0" + String.join(" ", spec.flags()) + "\0" + identity() + "\0" + cpuModel()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The compiler's first version line (so an upgraded compiler compiles afresh). */
  private String identity() {
    String id = identity;
    if (id == null) {
      Result r = exec(List.of(compiler, "--version"), null, 60);
      id = r.exit == 0 ? r.output.lines().findFirst().orElse("") : "";
      identity = id;
    }
    return id;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name") || l.startsWith("flags"))
          .limit(2).reduce("", String::concat);
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch", "");
    }
  }

  private double compile(String source, String network, String key, Path lib) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw UserError.of("cannot create the kernel cache directory " + cacheDir + ": " + e.getMessage(),
          "set NMC_CACHE to a writable directory");
    }
    Path src = cacheDir.resolve("nmc-" + key + spec.extension());
    Path tmp = null;
    try {
      Path tmpSrc = Files.createTempFile(cacheDir, ".nmc-" + key + "-", spec.extension() + ".tmp");
      Files.writeString(tmpSrc, source);
      move(tmpSrc, src);
      tmp = Files.createTempFile(cacheDir, ".nmc-" + key + "-", ".so.tmp");
      List<String> cmd = new ArrayList<>();
      cmd.add(compiler);
      cmd.addAll(spec.flags());
      cmd.addAll(List.of("-o", tmp.toString(), src.toString(), "-lm"));
      Result r = exec(cmd, network, 600);
      if (r.exit != 0) {
        throw UserError.of(spec.what() + " failed on the kernel generated for network " + network + " (exit status " + r.exit + ")"
            + excerpt(r.output), "the source is " + src + "; " + spec.installHint());
      }
      move(tmp, lib);
      tmp = null;
    } catch (IOException e) {
      throw UserError.of("cannot write the kernel for network " + network + " into " + cacheDir + ": " + e.getMessage(),
          "set NMC_CACHE to a writable directory");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file is harmless: it never has the final name
        }
      }
    }
    return (System.nanoTime() - t0) * 1e-9;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String excerpt(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).limit(12).toList();
    return lines.isEmpty() ? "" : ":\n    " + String.join("\n    ", lines);
  }

  private record Result(int exit, String output) {}

  /** Runs a command; a missing program is a user error naming it. */
  private Result exec(List<String> cmd, String network, int timeoutSeconds) {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw UserError.of("the " + spec.target() + " target needs a " + spec.kind() + ", and '" + compiler + "' could not be run (" + e.getMessage() + ")",
          spec.installHint());
    }
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw UserError.of(spec.what() + " took longer than " + timeoutSeconds + " s" + (network == null ? "" : " on network " + network), "");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw UserError.of("interrupted while compiling the kernel", "");
    }
  }
}
