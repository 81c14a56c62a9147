package nmc.ir.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Ints;
import nmc.ir.Projection;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class WiringTest {

  static Projection proj(String name, Connectivity c, ValueSpec weight, ValueSpec delay) {
    return new Projection(name, "a", "b", "ge", null, List.of(), c, weight, delay, Projection.Sign.MIXED, Span.NONE);
  }

  static Connections wire(Connectivity c, int pre, int post, boolean same, long seed) {
    return Wiring.connect(proj("p", c, ValueSpec.of(1e-3), null), pre, post, same, seed);
  }

  /** Checks the CSR invariants: rows cover all connections, indices in range, rows strictly increasing. */
  static void assertWellFormed(Connections c) {
    assertEquals(0, c.rowStart()[0]);
    assertEquals(c.count(), c.rowStart()[c.preSize()]);
    for (int i = 0; i < c.preSize(); i++) {
      assertTrue(c.rowStart()[i] <= c.rowStart()[i + 1]);
      for (int k = c.rowStart()[i]; k < c.rowStart()[i + 1]; k++) {
        assertTrue(c.post()[k] >= 0 && c.post()[k] < c.postSize(), "post index in range");
        if (k > c.rowStart()[i]) assertTrue(c.post()[k - 1] < c.post()[k], "row sorted");
      }
    }
  }

  @Test
  void fixedProbabilityCountIsWithinFiveSigma() {
    int n = 1000, m = 1500;
    double p = 0.05;
    Connections c = wire(new Connectivity.FixedProbability(p, true), n, m, false, 7);
    double mean = p * n * m, sigma = Math.sqrt(n * (double) m * p * (1 - p));
    assertTrue(Math.abs(c.count() - mean) < 5 * sigma, "count " + c.count() + " vs " + mean);
    assertWellFormed(c);
    // positions are uniform: about half the targets fall in the lower half of the post range
    long low = Arrays.stream(c.post()).filter(j -> j < m / 2).count();
    double sd = Math.sqrt(c.count() * 0.25);
    assertTrue(Math.abs(low - c.count() / 2.0) < 5 * sd, "lower half " + low + " of " + c.count());
  }

  @Test
  void fixedProbabilityWithoutAutapsesHasNoSelfConnections() {
    int n = 800;
    double p = 0.1;
    Connections c = wire(new Connectivity.FixedProbability(p, false), n, n, true, 3);
    int[] pre = c.pre();
    for (int k = 0; k < c.count(); k++) assertNotEquals(pre[k], c.post()[k]);
    double mean = p * n * (n - 1), sigma = Math.sqrt(n * (n - 1.0) * p * (1 - p));
    assertTrue(Math.abs(c.count() - mean) < 5 * sigma);
    // autapses stay when the populations differ, even if the rule excludes them
    Connections dense = wire(new Connectivity.FixedProbability(1.0, false), 5, 5, false, 3);
    assertEquals(25, dense.count());
  }

  @Test
  void bigFixedProbabilityIsBuiltInParallelAndMatchesTheSerialRows() {
    // 2000 x 2000 x 0.3 = 1.2e6 expected connections: above the parallel threshold
    int n = 2000;
    Connections c = wire(new Connectivity.FixedProbability(0.3, true), n, n, false, 11);
    assertWellFormed(c);
    long stream = Rng.stream("wiring/p");
    for (int i : new int[] {0, 1, 999, 1999}) {
      IntList row = new IntList(16);
      Wiring.probabilityRow(i, 0.3, n, false, 11, stream, row);
      assertArrayEquals(row.toArray(), Arrays.copyOfRange(c.post(), c.rowStart()[i], c.rowStart()[i + 1]));
    }
  }

  @Test
  void fixedFanInGivesExactlyKDistinctSources() {
    int n = 50, k = 12;
    Connections c = wire(new Connectivity.FixedFanIn(k, false), n, n, true, 5);
    assertWellFormed(c);
    int[] pre = c.pre();
    List<Set<Integer>> sources = new ArrayList<>();
    for (int j = 0; j < n; j++) sources.add(new HashSet<>());
    for (int x = 0; x < c.count(); x++) {
      assertNotEquals(pre[x], c.post()[x], "no autapse");
      assertTrue(sources.get(c.post()[x]).add(pre[x]), "distinct sources");
    }
    for (Set<Integer> s : sources) assertEquals(k, s.size());
    // every candidate taken when k equals the number of candidates
    Connections all = wire(new Connectivity.FixedFanIn(n - 1, false), n, n, true, 5);
    assertEquals(n * (n - 1), all.count());
    assertThrows(UserError.class, () -> wire(new Connectivity.FixedFanIn(n, false), n, n, true, 5));
  }

  @Test
  void fixedFanInDrawsSourcesUniformly() {
    int n = 20, k = 5, posts = 4000;
    Connections c = wire(new Connectivity.FixedFanIn(k, true), n, posts, false, 9);
    double expected = (double) k * posts / n, sd = Math.sqrt(expected * (1 - 1.0 / n));
    for (int i = 0; i < n; i++) assertTrue(Math.abs(c.rowLength(i) - expected) < 5 * sd, "source " + i + ": " + c.rowLength(i));
  }

  @Test
  void allToAllAndOneToOne() {
    Connections a = wire(new Connectivity.AllToAll(false), 4, 4, true, 1);
    assertEquals(12, a.count());
    assertArrayEquals(new int[] {1, 2, 3}, Arrays.copyOfRange(a.post(), 0, 3));
    assertEquals(16, wire(new Connectivity.AllToAll(false), 4, 4, false, 1).count());
    Connections o = wire(new Connectivity.OneToOne(), 3, 3, false, 1);
    assertArrayEquals(new int[] {0, 1, 2}, o.post());
    assertArrayEquals(new int[] {0, 1, 2, 3}, o.rowStart());
    assertThrows(UserError.class, () -> wire(new Connectivity.OneToOne(), 3, 4, false, 1));
  }

  @Test
  void explicitPairsAreKeptWithTheirWeights() {
    var e = new Connectivity.Explicit(Ints.of(2, 0, 2, 1), Ints.of(0, 3, 1, 1));
    Connections c = Wiring.connect(proj("x", e, new ValueSpec.Values(Vec.of(10, 20, 30, 40)), new ValueSpec.Values(Vec.of(1e-3, 2e-3, 3e-3, 4e-3))),
        3, 4, false, 1);
    assertArrayEquals(new int[] {0, 1, 2, 2}, c.pre());
    assertArrayEquals(new int[] {3, 1, 0, 1}, c.post());
    assertArrayEquals(new double[] {20, 40, 10, 30}, c.weight());
    assertArrayEquals(new double[] {2e-3, 4e-3, 1e-3, 3e-3}, c.delay());
    assertThrows(UserError.class, () -> Wiring.connect(proj("x", e, ValueSpec.of(1), null), 2, 4, false, 1));
  }

  @Test
  void conv2dMatchesADirectLoop() {
    var v = new Connectivity.Conv2d(5, 6, 2, 3, 3, 2, 2, 1);
    int outH = v.outHeight(), outW = v.outWidth();
    double[] kernel = new double[v.kernelSize()];
    for (int i = 0; i < kernel.length; i++) kernel[i] = i + 1;
    int pre = 5 * 6 * 2, post = outH * outW * 3;
    Connections c = Wiring.connect(proj("conv", v, new ValueSpec.Values(new Vec(kernel)), null), pre, post, false, 1);
    assertWellFormed(c);
    // direct loop over outputs: input pixel (oy*s - pad + ky, ox*s - pad + kx)
    List<double[]> expected = new ArrayList<>();
    for (int oc = 0; oc < 3; oc++) {
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          for (int ch = 0; ch < 2; ch++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 2; kx++) {
                int y = oy * 2 - 1 + ky, x = ox * 2 - 1 + kx;
                if (y < 0 || y >= 5 || x < 0 || x >= 6) continue;
                int preIdx = (ch * 5 + y) * 6 + x, postIdx = (oc * outH + oy) * outW + ox;
                expected.add(new double[] {preIdx, postIdx, kernel[((oc * 2 + ch) * 3 + ky) * 2 + kx]});
              }
            }
          }
        }
      }
    }
    expected.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    assertEquals(expected.size(), c.count());
    int[] preOf = c.pre();
    for (int k = 0; k < c.count(); k++) {
      assertEquals(expected.get(k)[0], preOf[k], "pre of " + k);
      assertEquals(expected.get(k)[1], c.post()[k], "post of " + k);
      assertEquals(expected.get(k)[2], c.weight()[k], "weight of " + k);
    }
    assertThrows(UserError.class, () -> Wiring.connect(proj("conv", v, ValueSpec.of(1), null), pre + 1, post, false, 1));
  }

  @Test
  void sameSeedSameArraysOtherSeedDifferent() {
    var rule = new Connectivity.FixedProbability(0.1, false);
    Projection p = proj("det", rule, new ValueSpec.Normal(1e-3, 2e-4), new ValueSpec.Uniform(0, 5e-3));
    Connections a = Wiring.connect(p, 300, 300, true, 42), b = Wiring.connect(p, 300, 300, true, 42);
    assertArrayEquals(a.rowStart(), b.rowStart());
    assertArrayEquals(a.post(), b.post());
    assertArrayEquals(a.weight(), b.weight());
    assertArrayEquals(a.delay(), b.delay());
    Connections c = Wiring.connect(p, 300, 300, true, 43);
    assertFalse(Arrays.equals(a.post(), c.post()));
    Connections f1 = wire(new Connectivity.FixedFanIn(10, true), 100, 100, false, 1);
    Connections f2 = wire(new Connectivity.FixedFanIn(10, true), 100, 100, false, 2);
    assertFalse(Arrays.equals(f1.post(), f2.post()));
  }

  @Test
  void randomWeightsAndDelaysUseTheCanonicalIndexAsCounter() {
    Projection p = proj("w", new Connectivity.AllToAll(true), new ValueSpec.Uniform(-1, 3), new ValueSpec.Normal(2e-3, 1e-4));
    Connections c = Wiring.connect(p, 10, 10, false, 99);
    for (int k = 0; k < c.count(); k++) {
      assertEquals(-1 + 4 * Rng.uniform(99, Rng.stream("weight/w"), k), c.weight()[k]);
      assertEquals(2e-3 + 1e-4 * Rng.normal(99, Rng.stream("delay/w"), k), c.delay()[k]);
    }
    assertEquals(20, c.delaySteps(1e-4)[0], 1);
    assertThrows(UserError.class, () -> Wiring.connect(proj("neg", new Connectivity.OneToOne(), ValueSpec.of(1), ValueSpec.of(-1e-3)), 2, 2, false, 1));
  }

  @Test
  void propertyEveryRandomProjectionIsWellFormed() {
    Gen<Connectivity> rules = integers().between(0, 4).zip(doubles().between(0, 1), integers().between(0, 6), booleans().all(),
        (kind, p, k, aut) -> switch (kind) {
          case 0 -> new Connectivity.AllToAll(aut);
          case 1 -> new Connectivity.FixedProbability(p, aut);
          case 2 -> new Connectivity.FixedFanIn(k, true);
          case 3 -> new Connectivity.OneToOne();
          default -> new Connectivity.FixedProbability(p * p, false);
        });
    qt().withFixedSeed(42L).withExamples(400)
        .forAll(rules, integers().between(0, 30), integers().between(0, 30), booleans().all())
        .checkAssert((rule, pre, post, same) -> {
          int m = same || rule instanceof Connectivity.OneToOne ? pre : post;
          boolean self = same && (rule instanceof Connectivity.OneToOne || pre == m);
          if (rule instanceof Connectivity.FixedFanIn f && f.k() > pre) {
            assertThrows(UserError.class, () -> wire(rule, pre, m, self, 1));
            return;
          }
          Connections c = wire(rule, pre, m, self, 1);
          assertWellFormed(c);
          if (rule instanceof Connectivity.FixedFanIn f) assertEquals((long) f.k() * m, c.count());
          if (self && !(rule instanceof Connectivity.OneToOne) && !(rule instanceof Connectivity.AllToAll a && a.autapses())
              && !(rule instanceof Connectivity.FixedProbability fp && fp.autapses()) && !(rule instanceof Connectivity.FixedFanIn)) {
            int[] preOf = c.pre();
            for (int x = 0; x < c.count(); x++) assertNotEquals(preOf[x], c.post()[x]);
          }
        });
  }
}
