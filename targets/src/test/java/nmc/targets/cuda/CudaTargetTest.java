package nmc.targets.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import nmc.diag.UserError;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.sim.TargetUnavailable;
import nmc.targets.cpu.Lowering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaTargetTest {
  @Test
  void deviceProbeSaysWhyWithoutDeviceNodes(@TempDir Path dev) {
    Optional<String> why = CudaDevice.unavailableReason(dev, "libcuda.so.1");
    assertTrue(why.isPresent());
    assertTrue(why.get().startsWith("no " + dev + "/nvidia* device nodes"), why.get());
  }

  @Test
  void deviceProbeSaysWhyWithoutTheDriverLibrary(@TempDir Path dev) throws Exception {
    Files.createFile(dev.resolve("nvidiactl"));
    Optional<String> why = CudaDevice.unavailableReason(dev, "libnmc-no-such-cuda.so.1");
    assertEquals(Optional.of("the CUDA driver library libnmc-no-such-cuda.so.1 cannot be loaded"), why);
  }

  @Test
  void runIsUnavailableHereWithAReason() {
    // without a device: "no CUDA device: ..."; with one: the driver part is not written yet. Both are TargetUnavailable.
    TargetUnavailable e = assertThrows(TargetUnavailable.class, () -> new CudaTarget().run(null, TargetOptions.NONE, Target.Progress.NONE));
    CudaDevice.unavailableReason().ifPresent(why -> assertEquals("no CUDA device: " + why, e.getMessage()));
    assertTrue(e instanceof UserError, "compare shows a UserError as unavailable");
  }

  @Test
  void optionsAreChecked() {
    CudaTarget t = new CudaTarget();
    assertThrows(UserError.class, () -> CudaTarget.options(new TargetOptions(Map.of("math", "java"))));
    assertThrows(UserError.class, () -> CudaTarget.options(new TargetOptions(Map.of("precision", "float16"))));
    assertThrows(UserError.class, () -> CudaTarget.options(new TargetOptions(Map.of("threads", "0"))));
    assertEquals(new Lowering.Options(true, false, 64, true), CudaTarget.options(new TargetOptions(Map.of("threads", "64", "precision", "float32"))));
    assertEquals(java.util.List.of("cuda"), t.emitKinds());
    UserError e = assertThrows(UserError.class, () -> CudaTarget.options(new TargetOptions(Map.of("device", "cpu"))));
    assertEquals("option device must be 'gpu' or 'emulated', not 'cpu'", e.getMessage());
    // emulated, the grid defaults to this machine's cores (each CUDA thread is a host thread), within the emulated device
    int cores = Math.min(CudaTarget.EMULATED_THREADS_MAX, Runtime.getRuntime().availableProcessors());
    assertEquals(cores, CudaTarget.options(new TargetOptions(Map.of("device", "emulated"))).threads());
    assertEquals(CudaTarget.DEFAULT_THREADS, CudaTarget.options(new TargetOptions(Map.of("device", "gpu"))).threads());
    assertTrue(CudaTarget.options(new TargetOptions(Map.of("exchange", "parallel"))).parallelExchange());
    assertTrue(!CudaTarget.options(TargetOptions.NONE).parallelExchange(), "serial by default");
    assertEquals("option exchange must be 'serial' or 'parallel', not 'atomic'",
        assertThrows(UserError.class, () -> CudaTarget.options(new TargetOptions(Map.of("exchange", "atomic")))).getMessage());
  }
}
