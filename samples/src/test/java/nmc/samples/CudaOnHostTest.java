package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.targets.cpu.Lowering;
import nmc.targets.cpu.NativeRun;
import nmc.targets.cpu.Toolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cuda target's kernels and host side, exactly as a GPU would get them, built for this CPU against the CUDA
 * emulation ({@link Toolchain#cudaOnHost}: each CUDA thread a host thread, grid syncs barriers, a device heap of
 * cudaLimitMallocHeapSize) and run by the cpu target's driver, against the reference target in float64. A grid
 * of 3 threads (one block; slices of 8-aligned bounds, some empty) and one of 40 (two blocks of 20).
 *
 * <p>The spikes must be identical. Traces and rates too, bit for bit, except in samples whose equations call
 * transcendental functions each step: the emulation takes them from the C library (a GPU from CUDA's), the reference
 * from Java's Math, which may differ in the last bit; there the traces must agree to 1e-9 of each trace's largest magnitude.
 */
class CudaOnHostTest {
  @TempDir
  static Path cache;

  @ParameterizedTest
  @ValueSource(strings = {"cuba.snn", "cuba_loihi.snn", "fitzhugh_nagumo.snn", "gap_junction_pair.snn", "hh_step.snn",
      "izhikevich_patterns.snn", "synfire.snn", "synfire_lif.snn"})
  void sameSpikesAsTheReference(String sample) {
    Network net = Samples.load(sample);
    SimResult ref = Samples.run(net);
    assertTrue(ref.populations().stream().mapToLong(SimResult.PopulationStats::spikes).sum() > 0, sample + " has spikes to compare");
    Toolchain emu = Toolchain.cudaOnHost(cache);
    for (int threads : new int[] {3, 40}) {
      Lowering low = new Lowering(net, new Lowering.Options(false, false, threads, true));
      SimResult gpu = NativeRun.compileAndRun("cuda", low, emu, System.nanoTime(), Target.Progress.NONE);
      String what = sample + " on the emulated GPU, " + threads + " threads";
      if (low.source().contains("NMC_EXP(") || low.source().contains("NMC_LOG(") || low.source().contains("NMC_POW(")) {
        assertSameSpikes(ref, gpu, what);
        assertTracesClose(ref, gpu, 1e-9, what);
      } else {
        CpuEquivalenceTest.assertIdentical(ref, gpu, what);
      }
    }
  }

  static void assertSameSpikes(SimResult ref, SimResult gpu, String what) {
    assertEquals(ref.populations(), gpu.populations(), what + ": spike counts");
    assertEquals(ref.synapticEvents(), gpu.synapticEvents(), what + ": synaptic events");
    for (int p = 0; p < ref.spikes().size(); p++) {
      assertArrayEquals(ref.spikes().get(p).neuron(), gpu.spikes().get(p).neuron(), what + ": neurons of " + ref.spikes().get(p).probe());
      assertArrayEquals(ref.spikes().get(p).times(), gpu.spikes().get(p).times(), what + ": spike times of " + ref.spikes().get(p).probe());
    }
  }

  static void assertTracesClose(SimResult ref, SimResult gpu, double rel, String what) {
    assertEquals(ref.traces().size(), gpu.traces().size(), what);
    for (int p = 0; p < ref.traces().size(); p++) {
      double[][] a = ref.traces().get(p).values(), b = gpu.traces().get(p).values();
      for (int r = 0; r < a.length; r++) {
        double scale = 0;
        for (double x : a[r]) scale = Math.max(scale, Math.abs(x));
        for (int k = 0; k < a[r].length; k++) {
          double tol = rel * scale;
          assertEquals(a[r][k], b[r][k], tol, what + ": trace " + ref.traces().get(p).probe() + " row " + r + " sample " + k);
        }
      }
    }
  }
}
