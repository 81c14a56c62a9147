package nmc.dsl;

import static nmc.dsl.LanguageTest.assertError;
import static nmc.dsl.LanguageTest.net;
import static org.junit.jupiter.api.Assertions.assertEquals;

import nmc.ir.Dimension;
import nmc.ir.NeuronModel;
import org.junit.jupiter.api.Test;

/** Dimension checks in expressions, and the SI values of quantities. */
class DimensionsTest {
  /** A model with one parameter p (as written) and one equation for v (in mV). */
  static String model(String param, String rhs) {
    return "neuron M { parameters { " + param + " }\n state { v = 0 mV }\n equations { dv/dt = " + rhs + " } }";
  }

  static NeuronModel lower(String param, String rhs) {
    return net(model(param, rhs) + "\npopulation p = 1 x M()").neuronModel("M").orElseThrow();
  }

  @Test
  void quantitiesBecomeExactSiValues() {
    NeuronModel m = lower("g = 0.3 mS/cm2; k = 0.04 /mV/ms; c = (60 * 0.27 / 10) mV; a = 1 uF/cm2", "-v / (1 ms)");
    assertEquals(3.0, ((nmc.ir.Expr.Num) m.parameter("g").orElseThrow().value()).value(), 0.0);
    assertEquals(40000.0, ((nmc.ir.Expr.Num) m.parameter("k").orElseThrow().value()).value(), 0.0);
    assertEquals(0.00162, ((nmc.ir.Expr.Num) m.parameter("c").orElseThrow().value()).value(), 0.0);
    assertEquals(0.01, ((nmc.ir.Expr.Num) m.parameter("a").orElseThrow().value()).value(), 0.0);
    assertEquals("mS/cm2", m.parameter("g").orElseThrow().unit());
    assertEquals("1/mV/ms", m.parameter("k").orElseThrow().unit());
    assertEquals(Dimension.NONE.over(Dimension.VOLTAGE).over(Dimension.TIME), m.parameter("k").orElseThrow().dim());
  }

  @Test
  void bothSidesOfPlusMinusAndComparisonsAgree() {
    assertError(model("tau = 10 ms", "v / tau + tau"), "cannot add a voltage per time (V/s) and a time (s)");
    assertError(model("tau = 10 ms", "v / tau - 1"), "cannot subtract a dimensionless number from a voltage per time (V/s)");
    assertError(model("tau = 10 ms", "if v > tau then v / tau else 0 mV/ms"), "cannot compare a voltage (V) with a time (s)");
  }

  @Test
  void anOdeRightHandSideHasTheDimensionOfItsVariablePerTime() {
    assertError(model("tau = 10 ms", "-v"), "dv/dt expects a voltage per time (V/s) but got a voltage (V)");
  }

  @Test
  void powersAndRoots() {
    // whole exponents of dimensioned bases, and rational ones whose result has whole exponents
    lower("A = 4 um2", "sqrt(A) / (1 um) * v / (1 ms) + (A ** 0.5) / (1 um * 1 ms) * 0 mV + v ** 2 / (1 mV * 1 ms)");
    assertError(model("tau = 10 ms", "v ** 0.5 / tau"), "to the power 0.5 has no dimension with whole exponents");
    assertError(model("n = 2", "v ** n / (1 ms)"), "the exponent of a voltage (V) must be a constant number");
    assertError(model("tau = 10 ms", "2 ** tau * v / tau"), "an exponent must be dimensionless, but this is a time (s)");
    assertError(model("tau = 10 ms", "sqrt(v) / tau"), "the square root of a voltage (V) has no dimension with whole exponents");
  }

  @Test
  void transcendentalFunctionsNeedDimensionlessArguments() {
    lower("V_T = -50 mV; D = 2 mV", "exp((v - V_T) / D) * 1 mV/ms");
    assertError(model("tau = 10 ms", "log(tau) * v / tau"), "the argument of log must be dimensionless, but this is a time (s)");
  }

  @Test
  void theLiteralZeroFitsEveryDimension() {
    NeuronModel m = lower("tau = 10 ms; E = 0", "(0 - v) / tau");
    assertEquals(Dimension.NONE, m.parameter("E").orElseThrow().dim()); // an unqualified 0 default is dimensionless
    lower("tau = 10 ms; E : mV = 0", "(E - v) / tau");
  }

  @Test
  void aUnitAfterAValueMustBeAUnit() {
    assertError(model("tau = 10 ms; x = 2 tau", "-v / tau"), "'tau' is not a unit");
    assertError(model("tau = 10 mz", "-v / tau"), "'mz' is not a unit");
  }

  @Test
  void unknownNamesSuggestTheClosest() {
    assertError(model("tau_m = 10 ms", "-v / tau_n"), "unknown name tau_n");
  }
}
