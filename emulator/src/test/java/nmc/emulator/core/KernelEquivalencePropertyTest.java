package nmc.emulator.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import nmc.emulator.TestChips;
import nmc.emulator.chip.ChipSpec;
import nmc.emulator.program.CompartmentProfile;
import nmc.emulator.program.CoreProgram;
import nmc.emulator.program.SynapseFormat;
import org.junit.jupiter.api.Test;

/**
 * The compartment update kernels of {@link LoihiCore} against each other and against {@link PlainLoihiModel}, on
 * cores large enough to fill several SIMD vectors plus a tail (1 to 90 compartments): the scalar loop and the
 * Vector API kernel must give the same u, v, refractory counters, spikes, message-ready cycles, update cycles and
 * active counts at every step, and both the plain model's state. Parameters lean toward the edges (zero and full
 * decays, large weights and biases, tight voltage limits), and the test asserts the edge cases happened.
 */
class KernelEquivalencePropertyTest {
  private static final int STEPS = 30;
  private final long[] edgeCases = new long[6];
  private long spikesInVectorLanes;

  private static int edge(SplittableRandom r, int lo, int hi) {
    return BitExactnessPropertyTest.Scenario.edge(r, lo, hi);
  }

  @Test
  void scalarAndVectorKernelsAgreeWithThePlainModel() {
    assumeTrue(Kernels.VECTOR, "the JVM runs without the Vector API (--add-modules jdk.incubator.vector): only the scalar kernel exists");
    ChipSpec chip = TestChips.loihi();
    CoreCosts costs = CoreCosts.of(chip.profile(null), chip.noc().cycleSeconds());
    qt().withFixedSeed(77L).withExamples(400).forAll(longs().all()).checkAssert(seed -> check(chip, costs, seed));
    String[] names = {"accumulator wraps", "u wraps", "u+bias wraps", "v clamps", "refractory zeroings", "spikes"};
    for (int i = 0; i < names.length; i++) assertTrue(edgeCases[i] > 20, "the random cores exercised too few " + names[i] + ": " + edgeCases[i]);
    assertTrue(spikesInVectorLanes > 100, "too few spikes inside full vectors: " + spikesInVectorLanes);
  }

  private void check(ChipSpec chip, CoreCosts costs, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1 + r.nextInt(90);
    int vminExp = r.nextInt(2) == 0 ? 23 : r.nextInt(24), vmaxExp = r.nextInt(2) == 0 ? 7 : r.nextInt(8);
    CoreProgram.Builder b = CoreProgram.builder().voltageLimits(vminExp, vmaxExp);
    int np = 1 + r.nextInt(6);
    int[] pdu = new int[np], pdv = new int[np], pref = new int[np], prof = new int[np], pth = new int[np], th = new int[np];
    for (int k = 0; k < np; k++) {
      pdu[k] = edge(r, 0, 4095);
      pdv[k] = edge(r, 0, 4095);
      pref[k] = r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(4);
      prof[k] = b.compartmentProfile(new CompartmentProfile(pdu[k], pdv[k], pref[k], false));
      pth[k] = r.nextInt(2) == 0 ? 1 + r.nextInt(2000) : edge(r, 1, 131071);
      th[k] = b.thresholdProfile(pth[k]);
    }
    int[] du = new int[n], dv = new int[n], refr = new int[n], bm = new int[n], be = new int[n], vth = new int[n];
    for (int i = 0; i < n; i++) {
      int p = r.nextInt(np), t = r.nextInt(np);
      du[i] = pdu[p];
      dv[i] = pdv[p];
      refr[i] = pref[p];
      vth[i] = pth[t];
      bm[i] = r.nextInt(3) == 0 ? 0 : edge(r, -4095, 4095);
      be[i] = r.nextInt(8);
      b.compartment(bm[i], be[i], prof[p], th[t]);
    }
    SynapseFormat fmt = new SynapseFormat(8, SynapseFormat.Sign.MIXED, r.nextInt(15) - 7, r.nextInt(3), SynapseFormat.Compression.SPARSE);
    int f = b.synapseFormat(fmt);
    int nAx = 1 + r.nextInt(6);
    PlainLoihiModel.Syn[][] syn = new PlainLoihiModel.Syn[nAx][];
    for (int a = 0; a < nAx; a++) {
      int ax = b.inputAxon(f);
      syn[a] = new PlainLoihiModel.Syn[1 + r.nextInt(2 * n)];
      for (int s = 0; s < syn[a].length; s++) {
        int cx = r.nextInt(n), w = edge(r, fmt.minWeight(), fmt.maxWeight()), d = r.nextInt(1 << fmt.delayBits());
        b.synapse(ax, cx, w, d);
        syn[a][s] = new PlainLoihiModel.Syn(cx, w, fmt.weightBits(), true, fmt.weightExponent(), d);
      }
    }
    for (int i = 0; i < n; i++) for (int e = r.nextInt(3); e > 0; e--) b.outputAxon(i, 0, r.nextInt(nAx)); // fan-out sets message times
    CoreProgram prog = b.build();
    LoihiCore scalar = new LoihiCore(chip, 0, prog, costs, false), vector = new LoihiCore(chip, 0, prog, costs, true);
    assertEquals("scalar", scalar.kernel());
    assertEquals("simd", vector.kernel());
    PlainLoihiModel plain = new PlainLoihiModel(du, dv, refr, bm, be, vth, vminExp, vmaxExp, false, syn);
    double p = 0.1 + 0.8 * r.nextDouble();
    int lanes = VectorUpdate.lanes(), full = n / lanes * lanes;
    for (int t = 0; t < STEPS; t++) {
      scalar.update(t, 0);
      vector.update(t, 0);
      boolean[] expect = plain.step(t);
      String at = "seed " + seed + " (" + n + " compartments) step " + t;
      assertArrayEquals(scalar.uArray(), vector.uArray(), at + ": u");
      assertArrayEquals(scalar.vArray(), vector.vArray(), at + ": v");
      assertArrayEquals(scalar.refractoryArray(), vector.refractoryArray(), at + ": refractory counter");
      assertEquals(scalar.spikeCount(), vector.spikeCount(), at + ": spike count");
      boolean[] got = new boolean[n];
      for (int k = 0; k < scalar.spikeCount(); k++) {
        assertEquals(scalar.spikes()[k], vector.spikes()[k], at + ": spike " + k);
        assertEquals(scalar.spikeReadyCycle(k), vector.spikeReadyCycle(k), at + ": ready cycle of spike " + k);
        got[scalar.spikes()[k]] = true;
        if (scalar.spikes()[k] < full) spikesInVectorLanes++;
      }
      assertEquals(scalar.updateCycles(), vector.updateCycles(), at + ": update cycles");
      assertEquals(scalar.activeCount(), vector.activeCount(), at + ": active compartments");
      assertEquals(scalar.messagesOut(), vector.messagesOut(), at + ": messages out");
      assertArrayEquals(expect, got, at + ": spikes against the plain model");
      for (int i = 0; i < n; i++) {
        assertEquals(plain.u[i], scalar.u(i), at + ": u of " + i + " against the plain model");
        assertEquals(plain.v[i], scalar.v(i), at + ": v of " + i + " against the plain model");
        assertEquals(plain.counter[i], scalar.refractory(i), at + ": counter of " + i + " against the plain model");
      }
      for (int a = 0; a < nAx; a++) {
        if (r.nextDouble() < p) {
          scalar.receive(a);
          vector.receive(a);
          plain.send(t, a);
        }
      }
      scalar.deliver(t);
      vector.deliver(t);
    }
    edgeCases[0] += plain.accWraps;
    edgeCases[1] += plain.uWraps;
    edgeCases[2] += plain.u2Wraps;
    edgeCases[3] += plain.vClamps;
    edgeCases[4] += plain.refractoryZeroings;
    edgeCases[5] += plain.spikes;
  }
}
