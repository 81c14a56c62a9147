package nmc.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.OpClass;
import nmc.emulator.program.ChipProgram;
import org.junit.jupiter.api.Test;

/** The same program, inputs and seed give identical spikes, state, cycles and energy, for any thread count. */
class DeterminismTest {
  private static final int STEPS = 150;

  /** Everything observable after a run. */
  record Outcome(int[][] spikes, List<int[]> state, long[] cyclesPerStep, double energy, long[] counts) {}

  private static Outcome run(ChipProgram prog, int threads, long seed) {
    try (ChipEmulator emu = ChipEmulator.create(prog, EmulatorOptions.defaults().withThreads(threads).withCompartmentsPerThread(1).withSeed(seed))) {
      for (int t = 0; t < STEPS; t++) {
        if (t % 3 == 0) emu.injectSpike(firstCore(prog), t % 7);
        emu.step();
      }
      List<int[]> state = new ArrayList<>();
      for (int id = 0; id < prog.coreCount(); id++) {
        if (prog.core(id) == null) continue;
        state.add(emu.uArray(id));
        state.add(emu.vArray(id));
        state.add(emu.refractoryArray(id));
      }
      long[] counts = new long[OpClass.values().length];
      for (OpClass op : OpClass.values()) counts[op.ordinal()] = emu.metrics().count(op);
      return new Outcome(emu.spikes().rows(), state, emu.metrics().cyclesPerStep(), emu.metrics().energyJ(), counts);
    }
  }

  private static int firstCore(ChipProgram p) {
    for (int id = 0; id < p.coreCount(); id++) if (p.core(id) != null) return id;
    throw new IllegalStateException();
  }

  private static void assertSame(Outcome a, Outcome b, String what) {
    assertArrayEquals(a.spikes, b.spikes, what + ": spikes");
    assertEquals(a.state.size(), b.state.size());
    for (int i = 0; i < a.state.size(); i++) assertArrayEquals(a.state.get(i), b.state.get(i), what + ": state array " + i);
    assertArrayEquals(a.cyclesPerStep, b.cyclesPerStep, what + ": cycles per step");
    assertEquals(a.energy, b.energy, 0.0, what + ": energy");
    assertArrayEquals(a.counts, b.counts, what + ": operation counts");
  }

  @Test
  void oneThreadAndSeveralThreadsGiveIdenticalResults() {
    ChipSpec chip = ChipSpec.load("loihi");
    for (long progSeed : new long[] {1, 2}) {
      ChipProgram prog = RandomPrograms.random(chip, progSeed, 7, 120, 60, 12);
      Outcome one = run(prog, 1, 99);
      assertTrue(one.spikes.length > 500, "the program must be active: " + one.spikes.length + " spikes");
      assertTrue(one.counts[OpClass.HOP_EW.ordinal()] + one.counts[OpClass.HOP_NS.ordinal()] > 0, "messages must cross the mesh");
      assertSame(one, run(prog, 1, 99), "repeat");
      for (int threads : new int[] {2, 3, 8}) assertSame(one, run(prog, threads, 99), threads + " threads");
    }
  }

  @Test
  void networkTimingChangesOnlyTheTimingFigures() {
    ChipProgram prog = RandomPrograms.random(ChipSpec.load("loihi"), 4, 5, 80, 40, 10);
    Outcome timed = run(prog, 1, 7), fast;
    try (ChipEmulator emu = ChipEmulator.create(prog, EmulatorOptions.defaults().withSeed(7).withNetworkTiming(false))) {
      for (int t = 0; t < STEPS; t++) {
        if (t % 3 == 0) emu.injectSpike(firstCore(prog), t % 7);
        emu.step();
      }
      assertArrayEquals(timed.spikes, emu.spikes().rows());
      assertEquals(timed.counts[OpClass.SYNAPSE_SPARSE.ordinal()], emu.metrics().count(OpClass.SYNAPSE_SPARSE));
      assertEquals(0, emu.metrics().count(OpClass.HOP_LOCAL));
      assertTrue(emu.metrics().cycles() < java.util.Arrays.stream(timed.cyclesPerStep).sum());
    }
  }

  @Test
  void theSeedOnlyChangesTheNoise() {
    ChipProgram prog = RandomPrograms.random(ChipSpec.load("loihi"), 3, 4, 80, 40, 10);
    Outcome a = run(prog, 2, 1), b = run(prog, 2, 2);
    assertTrue(!java.util.Arrays.deepEquals(a.spikes, b.spikes), "noisy compartments must differ between seeds");
  }
}
