package nmc.emulator.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nmc.emulator.ChipEmulator;
import nmc.emulator.EmulatorOptions;
import nmc.emulator.TestChips;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.chip.WeightExponentMode;
import nmc.emulator.program.ChipProgram;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import org.junit.jupiter.api.Test;

/**
 * The emulator's core against {@link PlainLoihiModel}, step by step (u, v, refractory counter, spikes), over random
 * parameters and random input spike trains, in both weight-exponent modes. Parameters are drawn with a bias toward
 * the edges (zero and full decays, large weights and exponents, tight voltage limits), and the test asserts that
 * every edge case (accumulator wrap, u wrap, u+bias wrap, v clamp, refractory zeroing, spikes) actually occurred.
 */
class BitExactnessPropertyTest {
  private static final int STEPS = 40;

  /** A random single-core scenario, drawn from one seed. */
  record Scenario(int[] du, int[] dv, int[] refr, int[] bm, int[] be, int[] vth, int vminExp, int vmaxExp,
      List<SynapseFormat> formats, int[] axonFormat, int[][] synCx, int[][] synW, int[][] synD, boolean[][] input) {

    static Scenario random(long seed, boolean onSum) {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(6);
      int[] du = new int[n], dv = new int[n], refr = new int[n], bm = new int[n], be = new int[n], vth = new int[n];
      for (int i = 0; i < n; i++) {
        du[i] = edge(r, 0, 4095);
        dv[i] = edge(r, 0, 4095);
        refr[i] = r.nextInt(3) == 0 ? 1 + r.nextInt(63) : 1 + r.nextInt(4);
        bm[i] = r.nextInt(3) == 0 ? 0 : edge(r, -4095, 4095);
        be[i] = r.nextInt(8);
        vth[i] = r.nextInt(2) == 0 ? 1 + r.nextInt(2000) : edge(r, 1, 131071);
      }
      int vminExp = r.nextInt(2) == 0 ? 23 : r.nextInt(32);
      int vmaxExp = r.nextInt(2) == 0 ? 7 : r.nextInt(8);
      int[] bitsChoice = {1, 2, 3, 4, 5, 6, 8};
      int nf = 1 + r.nextInt(3);
      int sharedExp = r.nextInt(15) - 7;
      List<SynapseFormat> formats = new ArrayList<>();
      for (int f = 0; f < nf; f++) {
        SynapseFormat.Sign sign = SynapseFormat.Sign.values()[r.nextInt(3)];
        int bits = bitsChoice[r.nextInt(bitsChoice.length)];
        if (sign == SynapseFormat.Sign.MIXED && bits < 2) bits = 2;
        int exp = onSum ? sharedExp : r.nextInt(15) - 7;
        formats.add(new SynapseFormat(bits, sign, exp, r.nextInt(4), SynapseFormat.Compression.SPARSE));
      }
      int nAx = 1 + r.nextInt(5);
      int[] axonFormat = new int[nAx];
      int[][] synCx = new int[nAx][], synW = new int[nAx][], synD = new int[nAx][];
      for (int a = 0; a < nAx; a++) {
        axonFormat[a] = r.nextInt(nf);
        SynapseFormat sf = formats.get(axonFormat[a]);
        int k = r.nextInt(9);
        synCx[a] = new int[k];
        synW[a] = new int[k];
        synD[a] = new int[k];
        for (int s = 0; s < k; s++) {
          synCx[a][s] = r.nextInt(n);
          synW[a][s] = edge(r, sf.minWeight(), sf.maxWeight());
          synD[a][s] = r.nextInt(1 << sf.delayBits());
        }
      }
      double p = 0.1 + 0.8 * r.nextDouble();
      boolean[][] input = new boolean[STEPS][nAx];
      for (int t = 0; t < STEPS; t++) for (int a = 0; a < nAx; a++) input[t][a] = r.nextDouble() < p;
      return new Scenario(du, dv, refr, bm, be, vth, vminExp, vmaxExp, formats, axonFormat, synCx, synW, synD, input);
    }

    /** Uniform on [lo, hi], but a third of the time one of the ends (KernelEquivalencePropertyTest draws with it too). */
    static int edge(SplittableRandom r, int lo, int hi) {
      return switch (r.nextInt(6)) {
        case 0 -> lo;
        case 1 -> hi;
        default -> lo + r.nextInt(hi - lo + 1);
      };
    }

    ChipProgram program(ChipSpec chip) {
      CoreProgram.Builder b = CoreProgram.builder().voltageLimits(vminExp, vmaxExp);
      for (SynapseFormat f : formats) b.synapseFormat(f);
      for (int i = 0; i < du.length; i++) {
        int prof = b.compartmentProfile(new CompartmentProfile(du[i], dv[i], refr[i], false));
        b.compartment(bm[i], be[i], prof, b.thresholdProfile(vth[i]));
      }
      for (int a = 0; a < axonFormat.length; a++) {
        int ax = b.inputAxon(b.synapseFormat(formats.get(axonFormat[a])));
        for (int s = 0; s < synCx[a].length; s++) b.synapse(ax, synCx[a][s], synW[a][s], synD[a][s]);
      }
      return ChipProgram.builder(chip).core(0, b.build()).build();
    }

    PlainLoihiModel oracle(boolean onSum) {
      PlainLoihiModel.Syn[][] ax = new PlainLoihiModel.Syn[axonFormat.length][];
      for (int a = 0; a < ax.length; a++) {
        SynapseFormat f = formats.get(axonFormat[a]);
        ax[a] = new PlainLoihiModel.Syn[synCx[a].length];
        for (int s = 0; s < ax[a].length; s++) {
          ax[a][s] = new PlainLoihiModel.Syn(synCx[a][s], synW[a][s], f.weightBits(), f.sign() == SynapseFormat.Sign.MIXED,
              f.weightExponent(), synD[a][s]);
        }
      }
      return new PlainLoihiModel(du, dv, refr, bm, be, vth, vminExp, vmaxExp, onSum, ax);
    }
  }

  private final long[] edgeCases = new long[6];

  @Test
  void perSynapseExponentMatchesThePlainModel() {
    runProperty(WeightExponentMode.PER_SYNAPSE, 42L);
  }

  @Test
  void onSumExponentMatchesThePlainModel() {
    runProperty(WeightExponentMode.ON_SUM, 43L);
  }

  private void runProperty(WeightExponentMode mode, long qtSeed) {
    ChipSpec chip = TestChips.withMode(TestChips.loihi(), mode);
    int latency = chip.behaviour().hostInjectionLatencySteps();
    qt().withFixedSeed(qtSeed).withExamples(1500).forAll(longs().all()).checkAssert(seed -> {
      boolean onSum = mode == WeightExponentMode.ON_SUM;
      Scenario sc = Scenario.random(seed, onSum);
      PlainLoihiModel plain = sc.oracle(onSum);
      try (ChipEmulator emu = ChipEmulator.create(sc.program(chip), EmulatorOptions.defaults())) {
        for (int t = 0; t < STEPS; t++) {
          for (int a = 0; a < sc.axonFormat.length; a++) {
            if (sc.input[t][a]) {
              emu.injectSpike(0, a);
              plain.send(t + latency, a); // a host spike sent during t counts as sent at t + latency
            }
          }
          emu.step();
          boolean[] expectSpike = plain.step(t);
          int n = sc.du.length;
          long[] u = new long[n], v = new long[n];
          int[] ref = new int[n];
          for (int i = 0; i < n; i++) {
            u[i] = emu.u(0, i);
            v[i] = emu.v(0, i);
            ref[i] = emu.refractory(0, i);
          }
          String at = "seed " + seed + " step " + t;
          assertArrayEquals(plain.u, u, at + ": u");
          assertArrayEquals(plain.v, v, at + ": v");
          assertArrayEquals(plain.counter, ref, at + ": refractory counter");
          assertArrayEquals(expectSpike, spikesAt(emu, t, n), at + ": spikes");
        }
      }
      edgeCases[0] += plain.accWraps;
      edgeCases[1] += plain.uWraps;
      edgeCases[2] += plain.u2Wraps;
      edgeCases[3] += plain.vClamps;
      edgeCases[4] += plain.refractoryZeroings;
      edgeCases[5] += plain.spikes;
    });
    String[] names = {"accumulator wraps", "u wraps", "u+bias wraps", "v clamps", "refractory zeroings", "spikes"};
    for (int i = 0; i < names.length; i++) assertTrue(edgeCases[i] > 20, "the random programs exercised too few " + names[i] + ": " + edgeCases[i]);
  }

  private static boolean[] spikesAt(ChipEmulator emu, int t, int n) {
    boolean[] out = new boolean[n];
    var log = emu.spikes();
    for (int k = log.count() - 1; k >= 0 && log.step(k) == t; k--) out[log.compartment(k)] = true;
    return out;
  }
}
