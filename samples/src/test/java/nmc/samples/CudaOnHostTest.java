package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.targets.cpu.Lowering;
import nmc.targets.cpu.NativeRun;
import nmc.targets.cpu.Toolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cuda target's kernels and host side, exactly as a GPU would get them, built for this CPU against the CUDA
 * emulation ({@link Toolchain#cudaOnHost}: each CUDA thread a host thread, grid syncs barriers, a device heap of
 * cudaLimitMallocHeapSize) and run by the cpu target's driver. Grids of 3 threads (one block; 8-aligned slices, some
 * empty) and, in float64, of 40 (two blocks of 20), each with the serial exchange (thread 0 merges, records and sends
 * the step's spikes) and the parallel one (every thread its own: -O exchange=parallel).
 *
 * <ul>
 *   <li>float64: the spikes are the reference target's, neuron for neuron and step for step;
 *   <li>float64 and float32: the whole result (spikes, events, traces, rates) is the cpu target's with the same
 *       transcendental functions (the C library's: {@code -O math=c}), bit for bit. On a GPU those come from CUDA;
 *       everything else is the same code.
 * </ul>
 */
class CudaOnHostTest {
  @TempDir
  static Path cache;

  @ParameterizedTest
  @ValueSource(strings = {"cuba.snn", "cuba_loihi.snn", "fitzhugh_nagumo.snn", "gap_junction_pair.snn", "hh_step.snn",
      "izhikevich_patterns.snn", "synfire.snn", "synfire_lif.snn"})
  void theReferencesSpikesAndTheCpuTargetsResults(String sample) {
    Network net = Samples.load(sample);
    SimResult ref = Samples.run(net);
    assertTrue(ref.populations().stream().mapToLong(SimResult.PopulationStats::spikes).sum() > 0, sample + " has spikes to compare");
    Toolchain emu = Toolchain.cudaOnHost(cache);
    for (String precision : new String[] {"float64", "float32"}) {
      SimResult cpu = Samples.target("cpu").run(net, new TargetOptions(Map.of("math", "c", "precision", precision)), Target.Progress.NONE);
      for (String grid : precision.equals("float64") ? new String[] {"3 serial", "40 serial", "3 parallel", "40 parallel"} : new String[] {"3 serial"}) {
        int threads = Integer.parseInt(grid.split(" ")[0]);
        boolean parallel = grid.endsWith("parallel");
        Lowering low = new Lowering(net, new Lowering.Options(precision.equals("float32"), false, threads, true, parallel));
        SimResult gpu = NativeRun.compileAndRun("cuda", low, emu, System.nanoTime(), Target.Progress.NONE);
        String what = sample + " on the emulated GPU, " + precision + ", " + grid + " exchange";
        CpuEquivalenceTest.assertIdentical(cpu, gpu, what + " vs the cpu target with -O math=c");
        if (precision.equals("float64")) assertSameSpikes(ref, gpu, what + " vs the reference");
      }
    }
  }

  /**
   * What the samples do not use (CpuFeaturesTest's network: Poisson and spike-time sources, per-connection delays in
   * growable device-heap rings, kinetic and conductance synapses, gap junctions, ramps, rate probes): the emulated GPU
   * gives the reference's spikes and the cpu target's whole result (-O math=c), on grids of 3 and 40 threads, with
   * either exchange.
   */
  @org.junit.jupiter.api.Test
  void everyFeatureOfTheCpuTargetRunsTheSameOnTheEmulatedGpu() {
    Network net = nmc.dsl.Frontend.parse("kitchen.snn", CpuFeaturesTest.KITCHEN);
    SimResult ref = Samples.run(net);
    SimResult cpu = Samples.target("cpu").run(net, new TargetOptions(Map.of("math", "c")), Target.Progress.NONE);
    Toolchain emu = Toolchain.cudaOnHost(cache);
    for (String grid : new String[] {"3 serial", "40 serial", "3 parallel", "40 parallel"}) {
      int threads = Integer.parseInt(grid.split(" ")[0]);
      SimResult gpu = NativeRun.compileAndRun("cuda", new Lowering(net, new Lowering.Options(false, false, threads, true, grid.endsWith("parallel"))), emu,
          System.nanoTime(), Target.Progress.NONE);
      String what = "kitchen sink on the emulated GPU, " + grid + " exchange";
      CpuEquivalenceTest.assertIdentical(cpu, gpu, what + " vs the cpu target with -O math=c");
      assertSameSpikes(ref, gpu, what + " vs the reference");
    }
  }

  static void assertSameSpikes(SimResult ref, SimResult gpu, String what) {
    assertEquals(ref.populations(), gpu.populations(), what + ": spike counts");
    assertEquals(ref.synapticEvents(), gpu.synapticEvents(), what + ": synaptic events");
    assertEquals(ref.spikes().size(), gpu.spikes().size(), what);
    for (int p = 0; p < ref.spikes().size(); p++) {
      assertArrayEquals(ref.spikes().get(p).neuron(), gpu.spikes().get(p).neuron(), what + ": neurons of " + ref.spikes().get(p).probe());
      assertArrayEquals(ref.spikes().get(p).times(), gpu.spikes().get(p).times(), what + ": spike times of " + ref.spikes().get(p).probe());
    }
  }
}
