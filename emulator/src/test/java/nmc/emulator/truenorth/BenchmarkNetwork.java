package nmc.emulator.truenorth;

import java.util.SplittableRandom;

/**
 * The TrueNorth power benchmark of M14 (hardware reference 3.4, 6): every core and neuron of a chip in use, 128 active
 * synapses per neuron on average, random long-range connections (every neuron to a uniformly random axon of a
 * uniformly random core: mean distance 21.3 cores in x and in y on 64 × 64), all neurons stochastic, 20 Hz mean rate.
 *
 * <p>Each crossbar bit is set with probability 1/2 (128 synapses per neuron on average). Axons 0..127 are type 0
 * with weight +1, axons 128..255 type 1 with weight −1, both stochastic (each event moves V with probability 2/256).
 * A neuron's stochastic leak λ = k moves V up with probability p_l = (k + 1)/256; α = 1, reset to 0, and below 0 V
 * saturates to −β = 0, so V is 0 at the start of every tick. With μ = r/2 excitatory and inhibitory moves per
 * tick at rate r, the spike probability is about p_l(1 − μ) + (1 − p_l)μ, whose fixed point is r = p_l / (1/2 + p_l).
 * r = 0.020 per tick needs p_l = 0.0102, i.e. a mean k + 1 of 2.61: 61% of the neurons have k = 2, the rest k = 1.
 * Destinations are a random permutation of all axons (every axon has exactly one sender), delays 1..15.
 */
final class BenchmarkNetwork {
  private BenchmarkNetwork() {}

  static TnChipProgram build(TrueNorthSpec chip, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int cores = chip.coresPerChip(), axons = chip.core().axons(), neurons = chip.core().neurons();
    NeuronParams k1 = new NeuronParams(new int[] {1, -1, 0, 0}, 0b11, 1, true, false, 1, 0, 0, true, ResetMode.NORMAL, 0, 0);
    NeuronParams k2 = k1.withLeak(2, true, false);
    int total = cores * neurons;
    int[] perm = new int[total]; // neuron n sends to axon perm[n] (global axon index core * axons + axon)
    for (int i = 0; i < total; i++) perm[i] = i;
    for (int i = total - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int x = perm[i];
      perm[i] = perm[j];
      perm[j] = x;
    }
    TnChipProgram.Builder prog = TnChipProgram.builder(chip);
    long[] row = new long[(neurons + 63) / 64];
    for (int c = 0; c < cores; c++) {
      TnCoreProgram.Builder b = TnCoreProgram.builder(chip);
      for (int a = 0; a < axons; a++) {
        b.axonType(a, a < axons / 2 ? 0 : 1);
        for (int k = 0; k < row.length; k++) row[k] = r.nextLong();
        b.crossbarRow(a, row);
      }
      for (int j = 0; j < neurons; j++) {
        b.neuron(j, r.nextInt(100) < 61 ? k2 : k1);
        int dest = perm[c * neurons + j];
        b.destination(j, dest / axons, dest % axons, 1 + r.nextInt(15));
      }
      prog.core(c, b.build());
    }
    return prog.build();
  }
}
