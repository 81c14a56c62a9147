package nmc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import nmc.diag.UserError;
import org.junit.jupiter.api.Test;

class QuantityTest {

  @Test
  void acceptsTheFormsPeopleType() {
    assertEquals(0.5, Quantity.duration("500ms", "--duration"), 1e-15);
    assertEquals(0.5, Quantity.duration("500 ms", "--duration"), 1e-15);
    assertEquals(0.5, Quantity.duration("  500 ms ", "--duration"), 1e-15);
    assertEquals(0.5, Quantity.duration("500*ms", "--duration"), 1e-15);
    assertEquals(0.5, Quantity.duration("0.5s", "--duration"), 1e-15);
    assertEquals(5e-5, Quantity.timeStep("0.05ms", "--dt"), 1e-18);
    assertEquals(5e-5, Quantity.timeStep("50us", "--dt"), 1e-18);
    assertEquals(1e-4, Quantity.timeStep("1e-4 s", "--dt"), 1e-18);
    assertEquals(1e-4, Quantity.timeStep(".1ms", "--dt"), 1e-18);
    assertEquals(0.0, Quantity.duration("0ms", "--duration"));
    assertEquals(-0.065, Quantity.parse("-65mV", Dimension.VOLTAGE, "--v"), 1e-15);
    assertEquals(20.0, Quantity.parse("20 Hz", Dimension.RATE, "--rate"), 1e-12);
    assertEquals(20.0, Quantity.parse("20/s", Dimension.RATE, "--rate"), 1e-12);
    assertEquals(3.0, Quantity.parse("3", Dimension.NONE, "--gain"));
  }

  @Test
  void integerMillisecondsAreExactEnough() {
    qt().withFixedSeed(42L).withExamples(500).forAll(integers().between(0, 10_000_000))
        .checkAssert(ms -> assertEquals(ms / 1000.0, Quantity.duration(ms + "ms", "--duration"), 1e-12 * Math.max(1, ms)));
  }

  private static String message(Runnable r) {
    UserError e = assertThrows(UserError.class, r::run);
    return e.render();
  }

  @Test
  void aMissingUnitIsAnErrorThatShowsTheFix() {
    String m = message(() -> Quantity.duration("500", "--duration"));
    assertTrue(m.contains("--duration: '500' has no unit"), m);
    assertTrue(m.contains("hint: write the unit, e.g. 500ms"), m);
  }

  @Test
  void aWrongDimensionNamesBoth() {
    String m = message(() -> Quantity.timeStep("5 mV", "--dt"));
    assertTrue(m.contains("--dt: '5 mV' is a voltage, not a time"), m);
  }

  @Test
  void unknownUnitsAndGarbage() {
    assertTrue(message(() -> Quantity.duration("5 parsec", "--duration")).contains("unknown unit 'parsec'"));
    assertTrue(message(() -> Quantity.duration("ms", "--duration")).contains("'ms' is not a quantity"));
    assertTrue(message(() -> Quantity.duration("", "--duration")).contains("is not a quantity"));
    assertTrue(message(() -> Quantity.duration("1..2ms", "--duration")).contains("--duration"));
    assertTrue(message(() -> Quantity.duration("1e999 s", "--duration")).contains("not a finite value"));
  }

  @Test
  void signsAreChecked() {
    assertTrue(message(() -> Quantity.duration("-5ms", "--duration")).contains("cannot be negative"));
    assertTrue(message(() -> Quantity.timeStep("0ms", "--dt")).contains("greater than zero"));
    assertTrue(message(() -> Quantity.timeStep("-0.1ms", "--dt")).contains("greater than zero"));
  }
}
