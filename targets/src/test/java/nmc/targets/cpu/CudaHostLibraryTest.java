package nmc.targets.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import nmc.diag.UserError;
import nmc.sim.Target;
import nmc.targets.cuda.CudaDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuda target's shared library as it is built for a run: the generated CUDA C with its host side
 * (nmc_host_cuda.h), compiled by nvcc with the target's flags (device code for sm_80 and sm_90, static CUDA
 * runtime), loads through java.lang.foreign with the cpu kernel's interface. Without a device, starting it fails
 * cleanly: a user error that carries the CUDA runtime's own reason, no crash.
 */
class CudaHostLibraryTest {
  @TempDir
  Path cache;

  @Test
  void buildsLoadsAndExplainsWhyItCannotStartWithoutADevice() {
    Toolchain nvcc = Toolchain.nvcc();
    if (!Files.isExecutable(Path.of(nvcc.compiler))) fail("nvcc not found at " + nvcc.compiler + " (set NMC_NVCC); the cuda tests need it");
    Toolchain tc = new Toolchain(nvcc.spec, cache);
    Lowering low = new Lowering(CpuTargetTest.network("cuda_host", 0.002), new Lowering.Options(false, false, 256, true));
    Toolchain.Compiled k = tc.kernel(low.source, "cuda_host");
    assertTrue(k.compileSeconds() > 0, "compiled now, into the empty cache");
    assertTrue(Files.isRegularFile(cache.resolve(k.library().getFileName())), "cached as " + k.library());
    assertEquals(NmcKernel.NMC_KERNEL_ABI, k.kernel().nmc_abi());
    assertEquals(low.buffers.size(), k.kernel().nmc_buffer_count());
    assertEquals("", k.kernel().nmc_error(), "nothing has failed yet");
    assertEquals(0.0, tc.kernel(low.source, "cuda_host").compileSeconds(), "the second time from the cache");
    org.junit.jupiter.api.Assumptions.assumeTrue(CudaDevice.unavailableReason().isPresent(), "this machine has a CUDA device");
    UserError e = assertThrows(UserError.class, () -> NativeRun.run("cuda", low, k.kernel(), new NativeRun.Timing(0, 0, System.nanoTime()),
        Target.Progress.NONE));
    assertTrue(e.getMessage().startsWith("the cuda kernel for network cuda_host could not start (cudaGetDevice failed: "), e.getMessage());
    assertTrue(k.kernel().nmc_error().startsWith("cudaGetDevice failed: "), k.kernel().nmc_error());
  }
}
