package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples for every rule of the neuron (hardware reference 3.2), values computed by hand. */
class NeuronModesTest {
  private static final int NEVER = (1 << 18) - 1; // the largest α: no spike in these examples
  private static final int BIG_BETA = (1 << 18) - 1;

  private static NeuronParams base() {
    return new NeuronParams(new int[] {0, 0, 0, 0}, 0, 0, false, false, NEVER, BIG_BETA, 0, true, ResetMode.NORMAL, 0, 0);
  }

  @Test
  void integrationAddsTheWeightOfEachActiveAxonsType() {
    try (OneNeuron n = new OneNeuron(base().withWeights(3, -2, 5, 0))) {
      assertEquals(6, n.tick(0, 1, 2)); // 3 - 2 + 5
      assertEquals(6, n.tick(3)); // type 3 has weight 0
      assertEquals(4, n.tick(1));
      assertEquals(4, n.tick());
    }
  }

  @Test
  void twoSpikesForOneAxonAndTickMergeInTheScheduler() {
    try (OneNeuron n = new OneNeuron(base().withWeights(3, 0, 0, 0))) {
      n.emu.injectSpike(0, 0);
      assertEquals(3, n.tick(0)); // the second injection sets a bit that is already set
      assertEquals(1, n.emu.schedulerCollisions());
    }
  }

  @Test
  void thresholdTestIsGreaterOrEqual() {
    try (OneNeuron n = new OneNeuron(base().withWeights(5, 0, 0, 0).withThreshold(5, 0).withReset(ResetMode.NORMAL, 0))) {
      assertEquals(0, n.tick(0)); // V = 5 = α: spikes and resets to R = 0
      assertEquals(List.of(0), n.spikeTicks);
    }
    try (OneNeuron n = new OneNeuron(base().withWeights(5, 0, 0, 0).withThreshold(6, 0))) {
      assertEquals(5, n.tick(0));
      assertTrue(n.spikeTicks.isEmpty());
    }
  }

  @Test
  void positiveResetModes() {
    NeuronParams p = base().withWeights(9, 0, 0, 0).withThreshold(5, 0);
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.NORMAL, 7))) {
      assertEquals(7, n.tick(0)); // γ = 0: V = R
      assertEquals(List.of(0), n.spikeTicks);
      assertEquals(7, n.tick()); // 7 ≥ 5 again: spikes, resets to 7
      assertEquals(List.of(0, 1), n.spikeTicks);
    }
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.LINEAR, 7))) {
      assertEquals(4, n.tick(0)); // γ = 1: V - α = 9 - 5
      assertEquals(4, n.tick()); // 4 < 5: no spike
      assertEquals(List.of(0), n.spikeTicks);
    }
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.NONE, 7))) {
      assertEquals(9, n.tick(0)); // γ = 2: V unchanged, so it spikes every tick
      assertEquals(9, n.tick());
      assertEquals(List.of(0, 1), n.spikeTicks);
    }
  }

  @Test
  void theFourLeakModes() {
    try (OneNeuron n = new OneNeuron(base().withLeak(3, false, false))) { // ε = 0, λ > 0: constant up
      assertEquals(3, n.tick());
      assertEquals(6, n.tick());
    }
    try (OneNeuron n = new OneNeuron(base().withLeak(-3, false, false))) { // ε = 0, λ < 0: constant down
      assertEquals(-3, n.tick());
      assertEquals(-6, n.tick());
    }
    try (OneNeuron n = new OneNeuron(base().withLeak(-3, false, true).withInitialPotential(7))) { // ε = 1, λ < 0: toward 0
      assertEquals(4, n.tick());
      assertEquals(1, n.tick());
      // REF 3.2 has no stop at zero: it overshoots and then rings (NeMo adds a stop we do not model, docs/chips.md)
      assertEquals(-2, n.tick());
      assertEquals(1, n.tick());
    }
    try (OneNeuron n = new OneNeuron(base().withLeak(3, false, true).withInitialPotential(-2))) { // ε = 1, λ > 0: away from 0
      assertEquals(-5, n.tick());
      assertEquals(-8, n.tick());
    }
    try (OneNeuron n = new OneNeuron(base().withLeak(3, false, true))) { // sgn(0) = 0: V = 0 never leaks in reversal mode
      assertEquals(0, n.tick());
      assertEquals(0, n.tick());
    }
  }

  @Test
  void leakComesAfterIntegrationAndThresholdAfterLeak() {
    // V = 0 + 4 (input) = 4, leak +1 = 5 ≥ α = 5: spikes in the same tick
    try (OneNeuron n = new OneNeuron(base().withWeights(4, 0, 0, 0).withLeak(1, false, false).withThreshold(5, 0).withReset(ResetMode.LINEAR, 0))) {
      assertEquals(0, n.tick(0));
      assertEquals(List.of(0), n.spikeTicks);
    }
    // reversal leak uses the sign after integration: V0 = 2, input -5 gives -3, leak away from 0 (λ = 2) gives -5
    try (OneNeuron n = new OneNeuron(base().withWeights(-5, 0, 0, 0).withLeak(2, false, true).withInitialPotential(2))) {
      assertEquals(-5, n.tick(0));
    }
  }

  @Test
  void negativeThresholdSaturatesWhenKappaIsOne() {
    NeuronParams p = base().withNegativeThreshold(10, true);
    try (OneNeuron n = new OneNeuron(p.withInitialPotential(-11))) {
      assertEquals(-10, n.tick()); // V < -β: V = -β, no spike
      assertEquals(-10, n.tick()); // -10 is not below -10
      assertTrue(n.spikeTicks.isEmpty());
    }
  }

  @Test
  void negativeThresholdResetsByGammaWhenKappaIsZero() {
    NeuronParams p = base().withNegativeThreshold(10, false);
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.NORMAL, 4).withInitialPotential(-11))) {
      assertEquals(-4, n.tick()); // γ = 0: -R
    }
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.LINEAR, 4).withInitialPotential(-15))) {
      assertEquals(-5, n.tick()); // γ = 1: V + β
    }
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.NONE, 4).withInitialPotential(-15))) {
      assertEquals(-15, n.tick()); // γ = 2: unchanged
      assertTrue(n.spikeTicks.isEmpty());
    }
    try (OneNeuron n = new OneNeuron(p.withReset(ResetMode.NORMAL, 4).withInitialPotential(-10))) {
      assertEquals(-10, n.tick()); // exactly -β: not below it
    }
  }

  @Test
  void potentialSaturatesAtTwentyBits() {
    int max = (1 << 19) - 1, min = -(1 << 19);
    NeuronParams up = base().withWeights(255, -256, 0, 0).withReset(ResetMode.NONE, 0).withNegativeThreshold(BIG_BETA, false);
    try (OneNeuron n = new OneNeuron(up.withInitialPotential(max - 2))) {
      assertEquals(max, n.tick(0)); // saturates; V ≥ α, so it spikes, and γ = 2 keeps V
      assertTrue(n.spikedAt(0));
    }
    try (OneNeuron n = new OneNeuron(up.withInitialPotential(min + 1))) {
      assertEquals(min, n.tick(1));
      assertEquals(min, n.tick(1)); // stays at the bound (below -β, but γ = 2 and κ = 0 keep it)
    }
  }

  @Test
  void wrapChoiceKeepsTheLowTwentyBits() {
    TrueNorthSpec wrap = TnTestChips.withOverflow(TnTestChips.truenorth(), TrueNorthSpec.Overflow.WRAP);
    NeuronParams p = base().withWeights(1, 0, 0, 0).withReset(ResetMode.NONE, 0).withNegativeThreshold(BIG_BETA, false)
        .withInitialPotential((1 << 19) - 1);
    try (OneNeuron n = new OneNeuron(wrap, p, 0)) {
      assertEquals(-(1 << 19), n.tick(0)); // 2^19 - 1 + 1 wraps to -2^19; below -β, but γ = 2 keeps it
      assertFalse(n.spikedAt(0));
    }
  }

  @Test
  void stochasticSynapseAddsOnlyTheSignOfTheWeight() {
    NeuronParams p = base().withWeights(-255, 200, 0, 0).withStochasticSynapse(0b11);
    try (OneNeuron n = new OneNeuron(p)) {
      int prev = 0;
      for (int t = 0; t < 50; t++) {
        int v = n.tick(0); // only the negative-weight axon: each tick V moves by 0 or -1
        assertTrue(v - prev == 0 || v - prev == -1, "step " + (v - prev));
        prev = v;
      }
      assertTrue(prev < -40, "|s| = 255 passes unless ρ = 255: almost every tick, got " + prev);
    }
  }

  @Test
  void stochasticThresholdAddsEtaBelowTheMask() {
    // α = 10, V held at 12 (γ = 2, no input, no leak): spikes iff η ≤ 2 with η = ρ AND 3
    NeuronParams p = base().withThreshold(10, 2).withReset(ResetMode.NONE, 0).withInitialPotential(12);
    try (OneNeuron n = new OneNeuron(TnTestChips.truenorth(), p, 5)) {
      for (int t = 0; t < 400; t++) assertEquals(12, n.tick());
      int spikes = n.spikeTicks.size();
      assertTrue(spikes > 250 && spikes < 350, "expected about 3/4 of 400 ticks, got " + spikes);
    }
  }
}
