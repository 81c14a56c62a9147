package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nmc.runtime.cli.Nmc;
import nmc.sim.TargetOptions;
import nmc.targets.cuda.CudaDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cuda target on every sample: the generated CUDA C (float64 and float32; the serial and the parallel exchange)
 * compiles with {@code nvcc -ptx} (the test fails, naming nvcc, when it is missing), and on a machine without a CUDA
 * device {@code nmc run} exits with status 3 and {@code nmc compare} shows the cuda row as unavailable with the reason.
 */
class CudaCompilesTest {
  static final Path NVCC = Path.of(System.getenv().getOrDefault("NMC_NVCC", "/usr/local/cuda/bin/nvcc"));

  @ParameterizedTest
  @ValueSource(strings = {"cuba.snn", "cuba_loihi.snn", "fitzhugh_nagumo.snn", "gap_junction_pair.snn", "hh_step.snn",
      "izhikevich_patterns.snn", "synfire.snn", "synfire_lif.snn"})
  void generatedCudaCompilesWithNvcc(String sample, @TempDir Path dir) throws Exception {
    for (List<String> variant : List.of(List.of("float64", "serial"), List.of("float32", "serial"), List.of("float64", "parallel"))) {
      String precision = variant.get(0), exchange = variant.get(1);
      String cu = Samples.target("cuda").emit(Samples.load(sample), "cuda", new TargetOptions(Map.of("precision", precision, "exchange", exchange)), Map.of());
      assertTrue(cu.contains("extern \"C\" __global__ void nmc_dev_run("), "the step loop is a kernel");
      assertEquals(exchange.equals("parallel"), cu.contains("nmc_exchange_par(s, n, tn1, tid, &sense);"), "the " + exchange + " exchange");
      Path src = dir.resolve(sample.replace(".snn", "_" + precision + "_" + exchange + ".cu"));
      Files.writeString(src, cu);
      nvccPtx(src, dir);
    }
  }

  static void nvccPtx(Path src, Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(NVCC)) fail("nvcc not found at " + NVCC + " (set NMC_NVCC to the CUDA compiler); the cuda tests need it");
    Path ptx = dir.resolve(src.getFileName().toString().replace(".cu", ".ptx"));
    Path log = dir.resolve("nvcc.log");
    Process p = new ProcessBuilder(NVCC.toString(), "-ptx", "--fmad=false", "-o", ptx.toString(), src.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("nvcc did not finish in 5 minutes on " + src);
    }
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), () -> "nvcc -ptx failed on " + src.getFileName() + ":\n" + out);
    assertTrue(Files.readString(ptx).contains(".entry nmc_dev_run"), "the PTX has the step kernel");
  }

  record Result(int status, String out, String err) {}

  static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int status = Nmc.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runWithoutADeviceExitsWithStatus3AndOneLine() {
    String why = CudaDevice.unavailableReason().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(why != null, "this machine has a CUDA device");
    Result r = cli("run", Samples.path("synfire.snn").toString(), "--target", "cuda");
    assertEquals(3, r.status(), r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals("error: no CUDA device: " + why, lines[0]);
    assertTrue(lines.length <= 2 && (lines.length == 1 || lines[1].startsWith("  hint: ")), "the message and a hint, no stack trace:\n" + r.err());
    assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
  }

  @Test
  void compareShowsTheCudaRowUnavailableWithTheReason() {
    String why = CudaDevice.unavailableReason().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(why != null, "this machine has a CUDA device");
    Result r = cli("compare", Samples.path("synfire.snn").toString(), "--targets", "reference,cuda");
    assertEquals(0, r.status(), r.err());
    String row = r.out().lines().filter(l -> l.strip().startsWith("cuda")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
    assertTrue(row.contains("unavailable: no CUDA device: " + why), row);
    assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("reference") && l.contains("1,043")), r.out());
  }

  /** Emulated, the cuda row runs anywhere, with the reference's spikes, and the table says its time is not a GPU's. */
  @Test
  void compareRunsTheEmulatedCudaRowAndSaysSo() {
    Result r = cli("compare", Samples.path("synfire.snn").toString(), "--targets", "reference,cuda", "-O", "cuda:device=emulated");
    assertEquals(0, r.status(), r.err());
    String row = r.out().lines().filter(l -> l.strip().startsWith("cuda ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
    assertTrue(row.contains("1,043") && row.contains("1.000"), "the reference's 1,043 spikes, correlation 1: " + row);
    assertTrue(r.out().contains("cuda ran on an emulation of its device on this CPU: its wall time is not the device's."), r.out());
  }
}
