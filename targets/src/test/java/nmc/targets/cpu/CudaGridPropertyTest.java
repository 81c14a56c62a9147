package nmc.targets.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.util.Map;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;

/**
 * Property: the cuda target's result does not depend on the grid. On the CUDA emulation, any thread count the
 * emulated device holds (1 to 256: one block, or many; prime counts make blocks of one thread, counts above the
 * population make empty slices), with either exchange (-O exchange=serial|parallel), gives the cpu target's spikes,
 * events and traces, bit for bit.
 */
class CudaGridPropertyTest {
  @TempDir
  static Path cache;

  @Test
  void everyGridGivesTheSameResult() {
    Network net = CpuTargetTest.network("cuda_grid", 0.0015).withRun(new nmc.ir.RunSettings(0.05, 1e-4, 5));
    SimResult cpu = new CpuTarget(new Toolchain("cc", cache)).run(net, new TargetOptions(Map.of("math", "c")), Target.Progress.NONE);
    assertTrue(cpu.synapticEvents() > 0, "the network sends spikes");
    Toolchain emu = Toolchain.cudaOnHost(cache);
    qt().withFixedSeed(2026L).withExamples(10).forAll(SourceDSL.integers().between(1, 256), SourceDSL.booleans().all()).checkAssert((threads, parallel) -> {
      SimResult gpu = NativeRun.compileAndRun("cuda", new Lowering(net, new Lowering.Options(false, false, threads, true, parallel)), emu,
          System.nanoTime(), Target.Progress.NONE);
      String what = "emulated grid of " + threads + " threads, " + (parallel ? "parallel" : "serial") + " exchange";
      assertEquals(cpu.populations(), gpu.populations(), what);
      assertEquals(cpu.synapticEvents(), gpu.synapticEvents(), what);
      assertArrayEquals(cpu.spikes().get(0).neuron(), gpu.spikes().get(0).neuron(), what);
      assertArrayEquals(cpu.spikes().get(0).times(), gpu.spikes().get(0).times(), what);
      for (int r = 0; r < cpu.traces().get(0).values().length; r++) {
        assertArrayEquals(cpu.traces().get(0).values()[r], gpu.traces().get(0).values()[r], 0.0, what + ": trace row " + r);
      }
    });
  }
}
