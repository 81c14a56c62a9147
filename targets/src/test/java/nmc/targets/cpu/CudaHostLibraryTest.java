package nmc.targets.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /**
   * The same library built for the CPU against the CUDA emulation: the host side's checks run as on a device. A grid
   * the device cannot hold at once is refused with the numbers (300 threads in blocks of at most 32 -> 10 blocks of
   * 30; the emulated device holds 2 such blocks on each of its 4 multiprocessors); a grid it holds runs, in several
   * blocks, with the cpu target's results.
   */
  @Test
  void onTheEmulatedDeviceTheGridIsCheckedAndTheResultsAreTheCpuTargets() {
    Toolchain emu = Toolchain.cudaOnHost(cache);
    var net = CpuTargetTest.network("cuda_emulated", 0.002);
    Lowering big = new Lowering(net, new Lowering.Options(false, false, 300, true));
    UserError e = assertThrows(UserError.class, () -> NativeRun.compileAndRun("cuda", big, emu, System.nanoTime(), Target.Progress.NONE));
    assertEquals("the cuda kernel for network cuda_emulated could not start (--threads 300 needs 10 blocks of 30 threads resident at once; "
        + "this device holds 8 (2 per multiprocessor x 4))", e.getMessage());

    var cpu = NativeRun.compileAndRun("cpu", new Lowering(net, new Lowering.Options(false, false, 2)), new Toolchain("cc", cache), System.nanoTime(),
        Target.Progress.NONE);
    var gpu = NativeRun.compileAndRun("cuda", new Lowering(net, new Lowering.Options(false, false, 64, true)), emu, System.nanoTime(), Target.Progress.NONE);
    assertEquals(cpu.populations(), gpu.populations());
    assertEquals(cpu.synapticEvents(), gpu.synapticEvents());
    assertTrue(cpu.synapticEvents() > 0, "the network sends spikes");
    for (int p = 0; p < cpu.spikes().size(); p++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(cpu.spikes().get(p).times(), gpu.spikes().get(p).times());
      org.junit.jupiter.api.Assertions.assertArrayEquals(cpu.spikes().get(p).neuron(), gpu.spikes().get(p).neuron());
    }
  }

  /** A network that does not fit the device's memory is refused before anything is copied, with the sizes. */
  @Test
  void aNetworkTooBigForTheDevicesMemoryIsRefusedWithTheSizes() {
    Toolchain small = Toolchain.cudaOnHost(cache, List.of("-DNMC_EMU_MEMORY=" + (20 << 20)));
    Lowering low = new Lowering(CpuTargetTest.network("cuda_small_device", 0.002), new Lowering.Options(false, false, 8, true));
    UserError e = assertThrows(UserError.class, () -> NativeRun.compileAndRun("cuda", low, small, System.nanoTime(), Target.Progress.NONE));
    assertTrue(e.getMessage().matches("the cuda kernel for network cuda_small_device could not start \\(the network needs \\d+ MB of device memory "
        + "\\(\\d+ MB of state, synapse tables and probes, \\d+ MB of scratch for 8 threads\\); the device has 20 MB free of 20 MB\\)"), e.getMessage());
  }

  /** One split entry per source and thread: a grid so large that the table outgrows an array is refused with the limit. */
  @Test
  void aSplitTableTooLargeForOneArrayIsRefusedWithTheLargestGrid() {
    UserError e = assertThrows(UserError.class,
        () -> new Lowering(CpuTargetTest.network("wide", 0.002, 2100), new Lowering.Options(false, false, 1 << 20, true)));
    assertEquals("the synapse table of projection ee split for 1048576 threads would have 2202009601 entries (one per source and thread), "
        + "more than one array holds", e.getMessage());
    assertTrue(e.render().contains("hint: use --threads 1022611 or fewer"), e.render());
  }
}
