package nmc.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Projection;
import nmc.ir.ValueSpec;
import nmc.ir.build.Connections;
import nmc.ir.build.Wiring;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random networks on a toy chip with tiny cores: whenever the mapper succeeds, every per-core limit holds when
 * recounted here from the mapping alone (with the chip's synapse encoding; no compartment's fan-in of one sign can
 * wrap the dendritic accumulator), every connection of the network is a
 * synapse exactly once, and every input axon is reached by exactly the routes of its source. When it fails, it is a
 * {@link UserError} that says what to change.
 */
class MappingPropertyTest {

  record Spec(int[] sizes, double[] thresholds, int sources, int[][] projs, double[] p, double[] wLow, double[] wHigh, int[] delay, long seed) {}

  static Gen<Spec> specs() {
    return in -> {
      int np = (int) in.next(org.quicktheories.impl.Constraint.between(1, 4));
      int[] sizes = new int[np];
      double[] th = new double[np];
      for (int i = 0; i < np; i++) {
        sizes[i] = (int) in.next(org.quicktheories.impl.Constraint.between(1, 160));
        th[i] = 1e-3 * in.next(org.quicktheories.impl.Constraint.between(5, 20));
      }
      int sources = (int) in.next(org.quicktheories.impl.Constraint.between(0, 60));
      int nproj = (int) in.next(org.quicktheories.impl.Constraint.between(0, 5));
      int[][] projs = new int[nproj][];
      double[] p = new double[nproj], lo = new double[nproj], hi = new double[nproj];
      int[] delay = new int[nproj];
      for (int k = 0; k < nproj; k++) {
        int pre = (int) in.next(org.quicktheories.impl.Constraint.between(sources > 0 ? -1 : 0, np - 1));
        int post = (int) in.next(org.quicktheories.impl.Constraint.between(0, np - 1));
        projs[k] = new int[] {pre, post};
        p[k] = in.next(org.quicktheories.impl.Constraint.between(1, 40)) / 100.0;
        int sign = (int) in.next(org.quicktheories.impl.Constraint.between(0, 2));
        double mag = 1e-3 * in.next(org.quicktheories.impl.Constraint.between(1, 30)) / 10.0;
        lo[k] = sign == 1 ? -mag : sign == 2 ? -mag / 2 : mag / 4;
        hi[k] = sign == 1 ? -mag / 4 : mag;
        delay[k] = (int) in.next(org.quicktheories.impl.Constraint.between(0, 12));
      }
      return new Spec(sizes, th, sources, projs, p, lo, hi, delay, in.next(org.quicktheories.impl.Constraint.between(1, 1000)));
    };
  }

  static Network network(Spec s) {
    List<Population> pops = new ArrayList<>();
    for (int i = 0; i < s.sizes().length; i++) pops.add(MapNets.neurons("n" + i, s.sizes()[i], s.thresholds()[i], 5e-3, 1e-3 * (i % 3)));
    if (s.sources() > 0) pops.add(MapNets.poisson("src", s.sources(), 20));
    List<Projection> projs = new ArrayList<>();
    for (int k = 0; k < s.projs().length; k++) {
      String pre = s.projs()[k][0] < 0 ? "src" : "n" + s.projs()[k][0];
      String post = "n" + s.projs()[k][1];
      ValueSpec delay = new ValueSpec.Uniform(0, s.delay()[k] * 1e-4);
      projs.add(MapNets.projection("p" + k, pre, post, new Connectivity.FixedProbability(s.p()[k], true),
          new ValueSpec.Uniform(s.wLow()[k], s.wHigh()[k]), delay));
    }
    return MapNets.network(pops, projs, 1e-4, s.seed());
  }

  @Test
  void everyMappingRespectsEveryLimitAndKeepsEveryConnection() {
    int[] mapped = new int[1];
    qt().withFixedSeed(42L).withExamples(120).forAll(specs()).checkAssert(s -> {
      Network net = network(s);
      ChipLimits lim = MapNets.tiny(2);
      ChipMapping m;
      try {
        m = Mapper.map(net, lim, new Mapper.Options("toy", false, null));
      } catch (UserError e) {
        String text = e.render();
        assertTrue(text.contains("needs") || text.contains("does not fit"), text);
        assertTrue(text.contains("hint:"), text);
        return;
      }
      mapped[0]++;
      checkLimits(m, lim);
      checkConnections(net, m);
      checkRoutes(m);
    });
    assertTrue(mapped[0] > 60, "most random networks fit the toy board: " + mapped[0]);
  }

  /** The dendritic accumulator: a compartment's whole fan-in of one sign, arriving in one step, does not wrap it. */
  static void checkAccumulator(ChipMapping m, ChipMapping.CoreMap cm, ChipLimits.Numbers nf) {
    long[] pos = new long[cm.compartments()], neg = new long[cm.compartments()];
    for (int s = 0; s < cm.synAxon().length; s++) {
      WeightFormat wf = m.formats().get(cm.axonFormat()[cm.synAxon()[s]]);
      long e = (long) cm.synWeight()[s] << (nf.weightShift() + wf.dropped(nf.weightMantissaBits()) + wf.exponent());
      if (e > 0) pos[cm.synCx()[s]] += e;
      else neg[cm.synCx()[s]] -= e;
    }
    for (int k = 0; k < pos.length; k++) {
      assertTrue(Math.max(pos[k], neg[k]) < 1L << nf.accumulatorBits(), "compartment " + k + "'s fan-in: +" + pos[k] + " / -" + neg[k]
          + " state units, the accumulator holds " + ((1L << nf.accumulatorBits()) - 1));
    }
  }

  /**
   * A pulse packet: 60 sources onto every neuron's v, each spike a tenth to a fifth of the threshold, so the packet's
   * whole fan-in lands in a step or two. Scaled only by the threshold's and one weight's room, the sum would be
   * more than five times what the 21-bit accumulator holds (measured with the bound removed: 11.5 M units for 2.1 M).
   */
  @Test
  void aPacketsWholeFanInFitsTheAccumulator() {
    Network net = MapNets.network(List.of(MapNets.neurons("g", 10, 10e-3, 0, 0), MapNets.poisson("packet", 60, 20)),
        List.of(new Projection("in", "packet", "g", "v", null, List.of(), new Connectivity.AllToAll(true), new ValueSpec.Uniform(1e-3, 2e-3),
            new ValueSpec.Const(0), Projection.Sign.EXCITATORY, new nmc.ir.Span("test.snn", 20, 1))), 1e-4, 7);
    ChipLimits lim = MapNets.tiny(1);
    ChipMapping m = Mapper.map(net, lim, new Mapper.Options("toy", false, null));
    for (ChipMapping.CoreMap cm : m.cores()) checkAccumulator(m, cm, lim.numbers());
  }

  static void checkLimits(ChipMapping m, ChipLimits lim) {
    ChipLimits.Core c = lim.core();
    Set<Integer> phys = new HashSet<>();
    for (ChipMapping.CoreMap cm : m.cores()) {
      assertTrue(phys.add(cm.physical()), "one logical core per physical core");
      assertTrue(cm.physical() >= 0 && cm.physical() < lim.mesh().cores());
      int n = cm.compartments();
      assertTrue(n >= 1 && n <= c.compartments(), "compartments " + n);
      assertTrue(cm.axonFormat().length <= c.inputAxons(), "input axons " + cm.axonFormat().length);
      assertTrue(cm.outCx().length <= c.outputAxons(), "output axons " + cm.outCx().length);
      Set<Long> profiles = new HashSet<>();
      Set<Integer> thresholds = new HashSet<>(), formats = new HashSet<>();
      for (int k = 0; k < n; k++) {
        profiles.add(((long) cm.du()[k] << 32) | ((long) cm.dv()[k] << 8) | cm.refractDelay()[k]);
        thresholds.add(cm.thresholdMantissa()[k]);
        assertTrue(cm.thresholdMantissa()[k] >= 1 && cm.thresholdMantissa()[k] <= lim.numbers().thresholdMantissaMax());
        assertTrue(Math.abs(cm.biasMantissa()[k]) <= lim.numbers().biasMantissaMax());
        assertTrue(cm.refractDelay()[k] >= 1 && cm.refractDelay()[k] <= lim.numbers().refractoryDelayMax());
      }
      for (int f : cm.axonFormat()) formats.add(f);
      assertTrue(profiles.size() <= c.compartmentProfiles(), "profiles " + profiles.size());
      assertTrue(thresholds.size() <= c.thresholdProfiles(), "thresholds " + thresholds.size());
      assertTrue(formats.size() <= c.synapseFormats(), "formats " + formats.size());
      // synapse memory as the chip counts it: per axon, groups of synapses of weight + delay + index bits
      int index = lim.numbers().indexBits(n);
      int[] perAxon = new int[cm.axonFormat().length];
      int maxDelay = 0;
      for (int s = 0; s < cm.synAxon().length; s++) {
        perAxon[cm.synAxon()[s]]++;
        WeightFormat wf = m.formats().get(cm.axonFormat()[cm.synAxon()[s]]);
        assertTrue(cm.synCx()[s] >= 0 && cm.synCx()[s] < n);
        assertTrue(cm.synWeight()[s] >= wf.minStored() && cm.synWeight()[s] <= wf.maxStored(), "weight in its format");
        assertTrue(cm.synDelay()[s] >= 0 && cm.synDelay()[s] < (1 << wf.delayBits()) && cm.synDelay()[s] <= c.maxDelay());
        maxDelay = Math.max(maxDelay, cm.synDelay()[s]);
      }
      checkAccumulator(m, cm, lim.numbers());
      long words = 0;
      for (int a = 0; a < perAxon.length; a++) {
        assertTrue(perAxon[a] > 0, "no empty axons");
        WeightFormat wf = m.formats().get(cm.axonFormat()[a]);
        int bits = wf.bits() + wf.delayBits() + index, g = lim.numbers().synapseGroupMax();
        for (int done = 0; done < perAxon[a]; done += g) {
          int k = Math.min(g, perAxon[a] - done);
          words += (lim.numbers().synapseGroupHeaderBits() + (long) k * bits + c.synapseWordBits() - 1) / c.synapseWordBits();
        }
      }
      assertTrue(words <= c.synapseMemoryWords(), "synapse words " + words);
      assertEquals(words, cm.usage().words(), "the partitioner counted the same words");
      assertTrue((long) n * (maxDelay + 1) <= c.dendriteAccumulatorEntries(), "accumulator");
    }
  }

  /** The multiset of (pre, post, delay) over all synapses equals the network's connections. */
  static void checkConnections(Network net, ChipMapping m) {
    List<Long> want = new ArrayList<>(), have = new ArrayList<>();
    for (Projection pr : net.projections()) {
      Connections c = Wiring.connect(net, pr);
      int pre = m.popOffset()[m.populationIndex(pr.pre())], post = m.popOffset()[m.populationIndex(pr.post())];
      int[] d = c.delaySteps(net.run().dt());
      for (int i = 0; i < c.preSize(); i++) {
        for (int k = c.rowStart()[i]; k < c.rowStart()[i + 1]; k++) want.add(key(pre + i, post + c.post()[k], d[k]));
      }
    }
    for (ChipMapping.CoreMap cm : m.cores()) {
      for (int s = 0; s < cm.synAxon().length; s++) have.add(key(cm.axonSource()[cm.synAxon()[s]], cm.members()[cm.synCx()[s]], cm.synDelay()[s]));
    }
    long[] a = want.stream().mapToLong(Long::longValue).sorted().toArray(), b = have.stream().mapToLong(Long::longValue).sorted().toArray();
    assertArrayEquals(a, b, "every connection is one synapse");
  }

  private static long key(int pre, int post, int delay) {
    return ((long) pre << 36) | ((long) post << 8) | delay;
  }

  /** Every input axon is reached exactly once from its source (a fan-out edge, or the host for spike sources). */
  static void checkRoutes(ChipMapping m) {
    int[] physToLogical = new int[m.limits().mesh().cores()];
    Arrays.fill(physToLogical, -1);
    for (int c = 0; c < m.cores().size(); c++) physToLogical[m.cores().get(c).physical()] = c;
    Set<Long> axons = new HashSet<>();
    for (ChipMapping.CoreMap cm : m.cores()) for (int a = 0; a < cm.axonSource().length; a++) axons.add(((long) cm.physical() << 32) | a);
    Set<Long> reached = new HashSet<>();
    for (ChipMapping.CoreMap cm : m.cores()) {
      for (int e = 0; e < cm.outCx().length; e++) {
        long ax = ((long) cm.outCore()[e] << 32) | cm.outAxon()[e];
        assertTrue(axons.contains(ax), "edge to an existing axon");
        assertTrue(reached.add(ax), "each axon reached once");
        ChipMapping.CoreMap dst = m.cores().get(physToLogical[cm.outCore()[e]]);
        assertEquals(cm.members()[cm.outCx()[e]], dst.axonSource()[cm.outAxon()[e]], "the edge comes from the axon's source");
      }
    }
    for (int g = 0; g + 1 < m.hostStart().length; g++) {
      for (int r = m.hostStart()[g]; r < m.hostStart()[g + 1]; r++) {
        long ax = ((long) m.hostCore()[r] << 32) | m.hostAxon()[r];
        assertTrue(reached.add(ax), "each axon reached once");
        assertEquals(g, m.cores().get(physToLogical[m.hostCore()[r]]).axonSource()[m.hostAxon()[r]]);
      }
    }
    assertEquals(axons, reached, "every axon has its route");
  }

  @Test
  void mappingIsDeterministic() {
    Spec s = new Spec(new int[] {100, 60}, new double[] {0.01, 0.012}, 20, new int[][] {{0, 1}, {1, 0}, {-1, 0}, {0, 0}},
        new double[] {0.2, 0.3, 0.1, 0.25}, new double[] {1e-3, -2e-3, 5e-4, -1e-3}, new double[] {2e-3, -5e-4, 1e-3, 2e-3},
        new int[] {0, 3, 1, 9}, 3);
    Network net = network(s);
    ChipMapping a = Mapper.map(net, MapNets.tiny(4), new Mapper.Options("toy", false, null));
    ChipMapping b = Mapper.map(net, MapNets.tiny(4), new Mapper.Options("toy", false, null));
    assertEquals(a.cores().size(), b.cores().size());
    for (int c = 0; c < a.cores().size(); c++) {
      assertEquals(a.cores().get(c).physical(), b.cores().get(c).physical());
      assertArrayEquals(a.cores().get(c).synWeight(), b.cores().get(c).synWeight());
    }
  }
}
