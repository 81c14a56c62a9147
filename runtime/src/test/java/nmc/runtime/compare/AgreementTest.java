package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class AgreementTest {
  @Test
  void knownCorrelations() {
    assertEquals(1.0, Agreement.correlation(new long[] {1, 2, 3}, new long[] {2, 4, 6}), 1e-15);
    assertEquals(-1.0, Agreement.correlation(new long[] {1, 2, 3}, new long[] {3, 2, 1}), 1e-15);
    // by hand: a = (0, 1, 2, 3), b = (0, 1, 1, 4), both of mean 1.5: sums of products of deviations 6, of squares 5 and 9
    assertEquals(6 / Math.sqrt(5 * 9), Agreement.correlation(new long[] {0, 1, 2, 3}, new long[] {0, 1, 1, 4}), 1e-12);
  }

  @Test
  void constantCountsAgreeOnlyWhenIdentical() {
    assertEquals(1.0, Agreement.correlation(new long[] {1, 1, 1}, new long[] {1, 1, 1}));
    assertEquals(1.0, Agreement.correlation(new long[] {}, new long[] {}));
    assertTrue(Double.isNaN(Agreement.correlation(new long[] {1, 1, 1}, new long[] {0, 2, 1})));
    assertTrue(Double.isNaN(Agreement.correlation(new long[] {1, 1, 1}, new long[] {2, 2, 2})));
    assertTrue(Double.isNaN(Agreement.correlation(new long[] {4}, new long[] {5})));
    assertThrows(IllegalArgumentException.class, () -> Agreement.correlation(new long[] {1}, new long[] {1, 2}));
  }

  @Test
  void rateDifference() {
    assertEquals(2.5, Agreement.rateDifferenceHz(150, 100, 100, 0.2), 1e-12);
    assertEquals(-2.5, Agreement.rateDifferenceHz(100, 150, 100, 0.2), 1e-12);
    assertTrue(Double.isNaN(Agreement.rateDifferenceHz(-1, 100, 100, 0.2)), "target did not report the population");
    assertTrue(Double.isNaN(Agreement.rateDifferenceHz(1, 1, 0, 0.2)));
  }

  static Gen<long[]> counts(int n) {
    return SourceDSL.arrays().ofIntegers(SourceDSL.integers().between(0, 1000)).withLength(n)
        .map(a -> java.util.Arrays.stream(a).mapToLong(Integer::longValue).toArray());
  }

  static boolean constant(long[] v) {
    return java.util.Arrays.stream(v).distinct().count() < 2;
  }

  record Pair(long[] a, long[] b) {}

  static Gen<Pair> pairs() {
    return SourceDSL.integers().between(2, 40).flatMap(n -> counts(n).zip(counts(n), Pair::new));
  }

  @Test
  void correlationIsBoundedAndSymmetric() {
    qt().withFixedSeed(42L).withExamples(500).forAll(pairs()).checkAssert(p -> {
      double r = Agreement.correlation(p.a(), p.b());
      assertEquals(Double.doubleToLongBits(r), Double.doubleToLongBits(Agreement.correlation(p.b(), p.a())));
      assertTrue(Double.isNaN(r) || (r >= -1 && r <= 1), "r = " + r);
    });
  }

  @Test
  void correlationIgnoresScaleAndOffsetOfEitherSide() {
    // a target counting every spike twice, plus a constant, correlates exactly as well with the baseline
    qt().withFixedSeed(42L).withExamples(300).forAll(pairs(), SourceDSL.integers().between(1, 5), SourceDSL.integers().between(0, 7))
        .checkAssert((p, k, c) -> {
          if (constant(p.a()) || constant(p.b())) return; // undefined before and after
          long[] scaled = p.b().clone();
          for (int i = 0; i < scaled.length; i++) scaled[i] = k * scaled[i] + c;
          double r = Agreement.correlation(p.a(), p.b()), s = Agreement.correlation(p.a(), scaled);
          assertEquals(r, s, 1e-9);
        });
  }
}
