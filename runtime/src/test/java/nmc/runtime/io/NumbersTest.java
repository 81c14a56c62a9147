package nmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void millisecondsAreShortAndRoundedToTheNanosecond() {
    assertEquals("0", Numbers.ms(0));
    assertEquals("12.3", Numbers.ms(0.0123));
    assertEquals("0.5", Numbers.ms(5 * 1e-4)); // 0.00050000000000000001 in binary
    assertEquals("0.3", Numbers.ms(3 * 1e-4)); // 3.0000000000000003E-4 in binary
    assertEquals("1000", Numbers.ms(1.0));
    assertEquals("0.000001", Numbers.ms(1e-12 * 1000));
    assertEquals("-2.5", Numbers.ms(-0.0025));
  }

  @Test
  void everyNanosecondCountPrintsExactly() {
    qt().withFixedSeed(42L).withExamples(2000).forAll(longs().between(0, 100_000_000_000L))
        .checkAssert(ns -> assertEquals(ns / 1e6, Double.parseDouble(Numbers.ms(ns * 1e-9)), Math.ulp(ns / 1e6) * 2));
  }

  @Test
  void roundingRemovesConversionNoise() {
    assertEquals(-60.0, Numbers.round12(-0.06 / 1e-3));
    assertEquals("-60", Numbers.value(-0.06 / 1e-3));
    assertEquals("-59.9999", Numbers.value(-59.9999));
    assertEquals(1.23456789012e-20, Numbers.round12(1.234567890123456e-20), 1e-32);
    assertEquals("nan", Numbers.value(Double.NaN));
    assertEquals("-inf", Numbers.value(Double.NEGATIVE_INFINITY));
    assertEquals("0", Numbers.value(0));
  }
}
