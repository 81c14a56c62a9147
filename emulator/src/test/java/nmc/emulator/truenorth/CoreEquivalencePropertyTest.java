package nmc.emulator.truenorth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nmc.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;

/**
 * The emulator's core against {@link PlainTrueNorthCore}, tick by tick (every neuron's V, the spikes, the scheduler
 * collisions), over thousands of random single-core configurations: all leak modes (sign × reversal × stochastic),
 * all reset modes γ × κ, stochastic synapses and thresholds with the same random stream, values at the edges of
 * their ranges, both overflow choices, and neurons that feed the core's own axons with delays 1..15 besides random
 * host input. The test also asserts that every rule actually fired somewhere.
 */
class CoreEquivalencePropertyTest {
  private static final int TICKS = 40;
  private final Map<String, Long> coverage = new HashMap<>();
  private static final TrueNorthSpec CHIP = TnTestChips.truenorth();

  /** Uniform on [lo, hi], but a third of the time one of the ends. */
  private static int edge(SplittableRandom r, int lo, int hi) {
    return switch (r.nextInt(6)) {
      case 0 -> lo;
      case 1 -> hi;
      default -> lo + r.nextInt(hi - lo + 1);
    };
  }

  private static int small(SplittableRandom r, int max) {
    return r.nextInt(2 * max + 1) - max;
  }

  @Test
  void emulatorMatchesThePlainModelTickByTick() {
    qt().withFixedSeed(42L).withExamples(2000).forAll(longs().all()).checkAssert(this::compare);
    String[] required = {"spike gamma 0", "spike gamma 1", "spike gamma 2",
        "negative kappa 1 gamma 0", "negative kappa 0 gamma 0", "negative kappa 0 gamma 1", "negative kappa 0 gamma 2",
        "leak positive", "leak negative", "leak reversal positive", "leak reversal negative",
        "leak positive stochastic", "leak negative stochastic", "leak reversal positive stochastic", "leak reversal negative stochastic",
        "stochastic synapse fired", "stochastic synapse silent", "eta", "saturate", "wrap", "collision"};
    for (String k : required) assertTrue(coverage.getOrDefault(k, 0L) > 0, "never exercised: " + k + "; seen " + coverage);
  }

  private void compare(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean wrap = r.nextInt(4) == 0;
    TrueNorthSpec chip = wrap ? TnTestChips.withOverflow(CHIP, TrueNorthSpec.Overflow.WRAP) : CHIP;
    TrueNorthSpec.NumberFormats f = chip.formats();
    int axons = chip.core().axons(), neurons = chip.core().neurons(), types = chip.core().axonTypes();
    long rngSeed = r.nextLong();
    PlainTrueNorthCore plain = new PlainTrueNorthCore(axons, neurons, types, 0, f.potentialBits(), wrap, rngSeed);
    TnCoreProgram.Builder b = TnCoreProgram.builder(chip);

    int usedAxons = 1 + r.nextInt(24);
    int nActive = 1 + r.nextInt(8);
    int[] who = new int[nActive]; // which neurons are configured (spread over the core, edges included)
    for (int i = 0; i < nActive; i++) who[i] = r.nextInt(3) == 0 ? (r.nextBoolean() ? 0 : neurons - 1) : r.nextInt(neurons);
    int[] axonIds = new int[usedAxons];
    for (int i = 0; i < usedAxons; i++) axonIds[i] = r.nextInt(4) == 0 ? axons - 1 - i : i * 7 % axons;
    for (int a : axonIds) {
      int g = r.nextInt(types);
      b.axonType(a, g);
      plain.type[a] = g;
    }
    double density = 0.2 + 0.8 * r.nextDouble();
    for (int j : who) {
      int[] wts = new int[types];
      int stoch = r.nextInt(3) == 0 ? 0 : r.nextInt(1 << types);
      for (int g = 0; g < types; g++) wts[g] = r.nextBoolean() ? small(r, 4) : edge(r, f.weightMin(), f.weightMax());
      int lam = switch (r.nextInt(4)) {
        case 0 -> 0;
        case 1 -> small(r, 3);
        default -> edge(r, f.leakMin(), f.leakMax());
      };
      boolean c = r.nextBoolean(), eps = r.nextBoolean();
      int alpha = r.nextInt(3) == 0 ? edge(r, 0, f.thresholdMax()) : r.nextInt(40);
      int beta = r.nextInt(3) == 0 ? edge(r, 0, f.thresholdMax()) : r.nextInt(40);
      int mask = r.nextBoolean() ? 0 : r.nextInt(3) == 0 ? edge(r, 0, f.thresholdMaskBitsMax()) : r.nextInt(6);
      boolean kappa = r.nextBoolean();
      ResetMode gamma = ResetMode.values()[r.nextInt(3)];
      int reset = r.nextInt(3) == 0 ? edge(r, f.resetMin(), f.resetMax()) : small(r, 10);
      int v0 = r.nextInt(3) == 0 ? edge(r, f.potentialMin(), f.potentialMax()) : small(r, 50);
      NeuronParams p = new NeuronParams(wts, stoch, lam, c, eps, alpha, beta, mask, kappa, gamma, reset, v0);
      b.neuron(j, p);
      for (int g = 0; g < types; g++) {
        plain.s[j][g] = wts[g];
        plain.b[j][g] = (stoch >>> g & 1) != 0;
      }
      plain.lambda[j] = lam;
      plain.c[j] = c;
      plain.eps[j] = eps;
      plain.alpha[j] = alpha;
      plain.beta[j] = beta;
      plain.maskBits[j] = mask;
      plain.kappa[j] = kappa;
      plain.gamma[j] = gamma.ordinal();
      plain.reset[j] = reset;
      plain.v[j] = v0;
      for (int a : axonIds) {
        if (r.nextDouble() < density) {
          b.connect(a, j);
          plain.w[a][j] = true;
        }
      }
      if (r.nextInt(10) < 7) {
        int da = axonIds[r.nextInt(usedAxons)], d = 1 + r.nextInt(15);
        b.destination(j, 0, da, d);
        plain.destAxon[j] = da;
        plain.destDelay[j] = d;
      }
    }
    TnChipProgram prog = TnChipProgram.builder(chip).core(0, b.build()).build();
    double p = 0.05 + 0.6 * r.nextDouble();
    try (TrueNorthEmulator emu = TrueNorthEmulator.create(prog, EmulatorOptions.defaults().withSeed(rngSeed).withNetworkTiming(r.nextBoolean()))) {
      for (int t = 0; t < TICKS; t++) {
        boolean[] host = new boolean[axons];
        for (int a : axonIds) {
          if (r.nextDouble() < p) {
            host[a] = true;
            emu.injectSpike(0, a);
          }
        }
        List<Integer> expected = plain.tick(t, host);
        emu.step();
        List<Integer> got = new ArrayList<>();
        var log = emu.spikes();
        for (int k = 0; k < log.count(); k++) if (log.step(k) == t) got.add(log.compartment(k));
        String ctx = "seed " + seed + " tick " + t;
        assertEquals(expected, got, "spikes, " + ctx);
        int[] v = emu.potentials(0);
        long[] pv = plain.v;
        for (int j = 0; j < neurons; j++) {
          if (v[j] != pv[j]) assertArrayEquals(pv, java.util.Arrays.stream(v).asLongStream().toArray(), "V of neuron " + j + ", " + ctx);
        }
      }
      assertEquals(plain.seen.getOrDefault("collision", 0L), emu.schedulerCollisions(), "collisions, seed " + seed);
    }
    plain.seen.forEach((k, n) -> coverage.merge(k, n, Long::sum));
  }
}
