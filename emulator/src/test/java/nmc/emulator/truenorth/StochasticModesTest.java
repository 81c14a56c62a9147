package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;

/**
 * The stochastic modes: reproducible for a seed, different for another seed, and with the documented rates
 * (min(m + 1, 256) / 256 for a stochastic synapse or leak of magnitude m, η uniform below the mask). Rates are
 * checked over 256 neurons and many ticks against the binomial spread (bounds at 5 standard deviations).
 */
class StochasticModesTest {
  private static final TrueNorthSpec CHIP = TnTestChips.truenorth();
  private static final int NEVER = (1 << 18) - 1;

  /** Every neuron of core 0 has these parameters; axon 0 (type 0) reaches them all. */
  private static TrueNorthEmulator core(NeuronParams p, long seed) {
    TnCoreProgram.Builder b = TnCoreProgram.builder(CHIP);
    for (int j = 0; j < CHIP.core().neurons(); j++) {
      b.neuron(j, p);
      b.connect(0, j);
    }
    return TrueNorthEmulator.create(TnChipProgram.builder(CHIP).core(0, b.build()).build(),
        EmulatorOptions.defaults().withSeed(seed).withNetworkTiming(false));
  }

  private static void assertNear(double expected, double sd, double got, String what) {
    assertTrue(Math.abs(got - expected) <= 5 * sd, what + ": expected " + expected + " ± " + 5 * sd + ", got " + got);
  }

  /** Spiking at rate (k+1)/256 per tick: V = 0 gets +1 from the stochastic leak and spikes at α = 1. */
  private static NeuronParams leakDriven(int k) {
    return new NeuronParams(new int[4], 0, k, true, false, 1, 0, 0, true, ResetMode.NORMAL, 0, 0);
  }

  @Test
  void sameSeedSameSpikesOtherSeedOtherSpikes() {
    NeuronParams p = leakDriven(20).withWeights(40, 0, 0, 0).withStochasticSynapse(1).withThreshold(2, 3);
    int[][] a, b, c;
    try (TrueNorthEmulator e = core(p, 11)) {
      for (int t = 0; t < 300; t++) {
        if (t % 3 == 0) e.injectSpike(0, 0);
        e.step();
      }
      a = e.spikes().rows();
    }
    try (TrueNorthEmulator e = core(p, 11)) {
      for (int t = 0; t < 300; t++) {
        if (t % 3 == 0) e.injectSpike(0, 0);
        e.step();
      }
      b = e.spikes().rows();
    }
    try (TrueNorthEmulator e = core(p, 12)) {
      for (int t = 0; t < 300; t++) {
        if (t % 3 == 0) e.injectSpike(0, 0);
        e.step();
      }
      c = e.spikes().rows();
    }
    assertTrue(a.length > 1000, "enough spikes to compare: " + a.length);
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.deepEquals(a, c), "a different seed must give different spikes");
  }

  @Test
  void stochasticLeakRateIsMagnitudePlusOneOver256() {
    int ticks = 2000, n = CHIP.core().neurons();
    try (TrueNorthEmulator e = core(leakDriven(0), 3)) {
      e.run(200);
      assertEquals(0, e.spikes().count(), "λ = 0 moves by sgn(0) = 0 whatever ρ is");
    }
    for (int k : new int[] {1, 4, 63, 255}) {
      try (TrueNorthEmulator e = core(leakDriven(k), 3)) {
        e.run(ticks);
        double p = (k + 1) / 256.0, trials = (double) ticks * n;
        assertNear(trials * p, Math.sqrt(trials * p * (1 - p)), e.spikes().count(), "spikes with λ = " + k);
      }
    }
  }

  @Test
  void negativeStochasticLeakMovesDownAtTheSameRate() {
    int ticks = 400;
    NeuronParams p = new NeuronParams(new int[4], 0, -50, true, false, NEVER, NEVER, 0, true, ResetMode.NORMAL, 0, 0);
    try (TrueNorthEmulator e = core(p, 9)) {
      e.run(ticks);
      double q = 51 / 256.0;
      double mean = java.util.Arrays.stream(e.potentials(0)).average().orElseThrow();
      assertNear(-ticks * q, Math.sqrt(ticks * q * (1 - q) / 256), mean, "mean V");
    }
  }

  @Test
  void stochasticSynapseRateIsMagnitudePlusOneOver256() {
    int ticks = 300;
    for (int s : new int[] {63, -127, 1}) {
      NeuronParams p = new NeuronParams(new int[] {s, 0, 0, 0}, 1, 0, false, false, NEVER, NEVER, 0, true, ResetMode.NORMAL, 0, 0);
      try (TrueNorthEmulator e = core(p, 21)) {
        for (int t = 0; t < ticks; t++) {
          e.injectSpike(0, 0);
          e.step();
        }
        double q = (Math.abs(s) + 1) / 256.0;
        double mean = java.util.Arrays.stream(e.potentials(0)).average().orElseThrow();
        assertNear(Integer.signum(s) * ticks * q, Math.sqrt(ticks * q * (1 - q) / 256), mean, "mean V with s = " + s);
        assertEquals((long) ticks * 256, e.metrics().synapticOps(), "every event is a synaptic op, stochastic or not");
      }
    }
  }

  @Test
  void thresholdEtaIsUniformBelowTheMask() {
    // V held at 5 (γ = 2, nothing else): spikes iff η ≤ 5, with η uniform on 0..15: probability 6/16
    NeuronParams p = new NeuronParams(new int[4], 0, 0, false, false, 0, 0, 4, true, ResetMode.NONE, 0, 5);
    int ticks = 500, n = 256;
    try (TrueNorthEmulator e = core(p, 4)) {
      e.run(ticks);
      double q = 6 / 16.0, trials = (double) ticks * n;
      assertNear(trials * q, Math.sqrt(trials * q * (1 - q)), e.spikes().count(), "spikes with a 4-bit mask");
    }
  }
}
