package nmc.emulator.bench;

import java.util.SplittableRandom;
import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.TestChips;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;

/**
 * A CUBA-sized random program (4,000 compartments on 4 cores, 80 synapses per source = 320,000 synapses, 80%
 * excitatory) run for a while with 1 and 2 threads; prints synaptic ops per wall-clock second. Not a unit test:
 * run it with {@code java -cp <test and main classes> nmc.emulator.bench.CubaBenchmark [steps]}.
 *
 * <p>A real Loihi core holds 16,384 words of synapses; 80,000 synapses per core need about 22,000, so the chip here
 * is a copy of {@code loihi} with 32,768 words (exactly what a user would do in a copied description file).
 */
public final class CubaBenchmark {
  static final int CORES = 4, PER_CORE = 1000, N = CORES * PER_CORE, FANOUT = 80;

  public static ChipProgram program(ChipSpec chip, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SynapseFormat fmt = new SynapseFormat(8, SynapseFormat.Sign.MIXED, 0, 0, SynapseFormat.Compression.SPARSE);
    CoreProgram.Builder[] b = new CoreProgram.Builder[CORES];
    for (int k = 0; k < CORES; k++) {
      b[k] = CoreProgram.builder();
      b[k].synapseFormat(fmt);
      // tau_syn = 5 steps (du = 4096/5 - 1), tau_m = 20 steps (dv = 4096/20), refractory 5 steps
      int prof = b[k].compartmentProfile(818, 205, 5), th = b[k].thresholdProfile(200);
      for (int i = 0; i < PER_CORE; i++) b[k].compartment(560 + r.nextInt(100), 0, prof, th);
    }
    // axon[k][j]: the input axon on core k for source j (-1 until needed)
    int[][] axon = new int[CORES][N];
    for (int[] a : axon) java.util.Arrays.fill(a, -1);
    for (int j = 0; j < N; j++) {
      boolean exc = j % 5 != 0;
      for (int s = 0; s < FANOUT; s++) {
        int post = r.nextInt(N), k = post / PER_CORE;
        if (axon[k][j] < 0) {
          axon[k][j] = b[k].inputAxon(0);
          b[j / PER_CORE].outputAxon(j % PER_CORE, k, axon[k][j]);
        }
        b[k].synapse(axon[k][j], post % PER_CORE, exc ? 6 : -30, 0);
      }
    }
    ChipProgram.Builder pb = ChipProgram.builder(chip);
    for (int k = 0; k < CORES; k++) pb.core(k, b[k].build());
    return pb.build();
  }

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    ChipSpec chip = TestChips.withSynapseMemory(ChipSpec.load("loihi"), 32768);
    ChipProgram prog = program(chip, 1);
    System.out.printf("CUBA-sized program: %d compartments on %d cores, %d synapses%n", N, CORES, N * FANOUT);
    for (int rep = 0; rep < 6; rep++) { // timing on (1, 2 threads), off (1, 2 threads), then on again
      if (rep == 4) args = new String[] {String.valueOf(steps), "on"};
      int threads = 1 + rep % 2;
      boolean timing = rep < 2 || rep >= 4;
      try (ChipEmulator emu = ChipEmulator.create(prog, EmulatorOptions.defaults().withThreads(threads).withRecordSpikes(false).withNetworkTiming(timing))) {
        emu.run(200); // warm-up (JIT), and let the activity settle
        long ops0 = emu.metrics().synapticOps(), spikes0 = emu.metrics().spikes();
        long t0 = System.nanoTime();
        emu.run(steps);
        double wall = (System.nanoTime() - t0) / 1e9;
        long ops = emu.metrics().synapticOps() - ops0, spikes = emu.metrics().spikes() - spikes0;
        System.out.printf("%s threads %d: %d steps in %.3f s, %d synaptic ops, %.1f M syn ops/s (%.1f ns per op), "
                + "%.4f spikes per compartment per step, emulated %.2f us and %.3f uJ per step%n",
            timing ? "network timing on, " : "network timing off,", threads, steps, wall, ops, ops / wall / 1e6, wall * 1e9 / ops, (double) spikes / steps / N,
            emu.metrics().latencySeconds() / emu.metrics().steps() * 1e6, emu.metrics().energyJ() / emu.metrics().steps() * 1e6);
      }
    }
  }
}
