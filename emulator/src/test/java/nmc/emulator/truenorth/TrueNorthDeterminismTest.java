package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.RunMetrics;
import nmc.emulator.chip.OpClass;
import org.junit.jupiter.api.Test;

/**
 * A random multi-core, multi-chip program with stochastic neurons gives the same spikes, potentials, operation counts
 * (hops included), energy and cycles for 1, 2 and 3 threads; without the cycle-level mesh everything but the cycles
 * is unchanged (the hops follow from dimension-order routing).
 */
class TrueNorthDeterminismTest {
  /** 4 x 4 cores per chip, a 2 x 1 board: 32 cores, spikes cross the chip boundary. */
  private static final TrueNorthSpec CHIP = TnTestChips.withMesh(TnTestChips.truenorth(), 4, 4);

  private static TnChipProgram program(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    TnChipProgram.Builder prog = TnChipProgram.builder(CHIP).board(2, 1);
    int cores = 2 * CHIP.coresPerChip();
    for (int c = 0; c < cores; c++) {
      TnCoreProgram.Builder b = TnCoreProgram.builder(CHIP);
      for (int a = 0; a < 256; a++) {
        b.axonType(a, r.nextInt(4));
        for (int k = 0; k < 16; k++) b.connect(a, r.nextInt(256));
      }
      for (int j = 0; j < 256; j++) {
        NeuronParams p = new NeuronParams(new int[] {3, -2, 1, 5}, r.nextInt(16), 1 + r.nextInt(4), r.nextBoolean(), r.nextInt(4) == 0,
            2 + r.nextInt(8), r.nextInt(5), r.nextInt(3), r.nextBoolean(), ResetMode.values()[r.nextInt(3)], r.nextInt(3), 0);
        b.neuron(j, p);
        if (r.nextInt(10) != 0) b.destination(j, r.nextInt(cores), r.nextInt(256), 1 + r.nextInt(15));
      }
      prog.core(c, b.build());
    }
    return prog.build();
  }

  private record Result(int[][] spikes, int[] potentials, long[] counts, double energy, long[] cycles, long collisions) {}

  private static Result run(TnChipProgram prog, int threads, boolean timing) {
    try (TrueNorthEmulator e = TrueNorthEmulator.create(prog,
        EmulatorOptions.defaults().withThreads(threads).withCompartmentsPerThread(1).withSeed(99).withNetworkTiming(timing).withProfile("m14-parts"))) {
      for (int t = 0; t < 40; t++) {
        if (t < 5) for (int c = 0; c < prog.coreCount(); c += 3) e.injectSpike(c, t * 7);
        e.step();
      }
      RunMetrics m = e.metrics();
      long[] counts = new long[OpClass.values().length];
      for (OpClass op : OpClass.values()) counts[op.ordinal()] = m.count(op);
      int[] v = new int[0];
      for (int c = 0; c < prog.coreCount(); c++) {
        int[] p = e.potentials(c);
        int[] joined = java.util.Arrays.copyOf(v, v.length + p.length);
        System.arraycopy(p, 0, joined, v.length, p.length);
        v = joined;
      }
      return new Result(e.spikes().rows(), v, counts, m.energyJ(), m.cyclesPerStep(), e.schedulerCollisions());
    }
  }

  @Test
  void sameResultsForAnyThreadCountWithAndWithoutTheMeshModel() {
    TnChipProgram prog = program(5);
    Result one = run(prog, 1, true);
    assertTrue(one.spikes().length > 5000, "a busy network: " + one.spikes().length + " spikes");
    assertTrue(one.counts()[OpClass.HOP_CHIP.ordinal()] > 0, "spikes cross between the two chips");
    assertTrue(one.collisions() > 0, "some spikes merge in a scheduler");
    for (int threads : new int[] {2, 3}) {
      Result r = run(prog, threads, true);
      assertArrayEquals(one.spikes(), r.spikes(), "spikes, " + threads + " threads");
      assertArrayEquals(one.potentials(), r.potentials());
      assertArrayEquals(one.counts(), r.counts());
      assertArrayEquals(one.cycles(), r.cycles());
      assertEquals(one.energy(), r.energy());
      assertEquals(one.collisions(), r.collisions());
    }
    Result functional = run(prog, 2, false);
    assertArrayEquals(one.spikes(), functional.spikes());
    assertArrayEquals(one.potentials(), functional.potentials());
    assertArrayEquals(one.counts(), functional.counts(), "hop counts from routing equal the mesh model's");
    assertEquals(one.energy(), functional.energy(), 1e-18);
  }
}
