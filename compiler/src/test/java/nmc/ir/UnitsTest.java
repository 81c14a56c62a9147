package nmc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit symbols and unit expressions: dimension and SI factor of each unit the language documents. */
class UnitsTest {
  static final Dimension VOLT = Dimension.VOLTAGE, AMP = Dimension.CURRENT, SEC = Dimension.TIME;
  static final Dimension SIEMENS = AMP.over(VOLT), FARAD = AMP.times(SEC).over(VOLT), OHM = VOLT.over(AMP);
  static final Dimension METRE = new Dimension(1, 0, 0, 0, 0, 0, 0), MOLAR = new Dimension(-3, 0, 0, 0, 0, 1, 0);

  record U(Dimension dim, double scale) {}

  @Test
  void everyDocumentedSymbol() {
    Map<String, U> table = Map.ofEntries(
        Map.entry("mV", new U(VOLT, 1e-3)), Map.entry("V", new U(VOLT, 1)), Map.entry("ms", new U(SEC, 1e-3)),
        Map.entry("s", new U(SEC, 1)), Map.entry("us", new U(SEC, 1e-6)), Map.entry("nA", new U(AMP, 1e-9)),
        Map.entry("pA", new U(AMP, 1e-12)), Map.entry("uA", new U(AMP, 1e-6)), Map.entry("mA", new U(AMP, 1e-3)),
        Map.entry("pF", new U(FARAD, 1e-12)), Map.entry("nF", new U(FARAD, 1e-9)), Map.entry("uF", new U(FARAD, 1e-6)),
        Map.entry("nS", new U(SIEMENS, 1e-9)), Map.entry("uS", new U(SIEMENS, 1e-6)), Map.entry("mS", new U(SIEMENS, 1e-3)),
        Map.entry("S", new U(SIEMENS, 1)), Map.entry("Hz", new U(Dimension.RATE, 1)), Map.entry("kHz", new U(Dimension.RATE, 1e3)),
        Map.entry("cm2", new U(METRE.pow(2), 1e-4)), Map.entry("mm2", new U(METRE.pow(2), 1e-6)),
        Map.entry("um2", new U(METRE.pow(2), 1e-12)), Map.entry("mM", new U(MOLAR, 1)), Map.entry("uM", new U(MOLAR, 1e-3)),
        Map.entry("M", new U(MOLAR, 1e3)), Map.entry("Ohm", new U(OHM, 1)), Map.entry("MOhm", new U(OHM, 1e6)),
        Map.entry("GOhm", new U(OHM, 1e9)), Map.entry("kOhm", new U(OHM, 1e3)), Map.entry("um", new U(METRE, 1e-6)));
    table.forEach((sym, u) -> {
      Unit parsed = Units.symbol(sym).orElseThrow(() -> new AssertionError("unknown unit " + sym));
      assertEquals(u.dim(), parsed.dimension(), sym);
      assertEquals(u.scale(), parsed.scale(), u.scale() * 1e-12, sym);
    });
  }

  @Test
  void expressions() {
    Unit perArea = Units.parse("uA/cm2").orElseThrow();
    assertEquals(AMP.over(METRE.pow(2)), perArea.dimension());
    assertEquals(1e-2, perArea.scale(), 1e-15);
    assertEquals(VOLT.over(SEC).over(SEC), Units.parse("mV/ms/ms").orElseThrow().dimension()); // left to right
    assertEquals(Dimension.NONE.over(VOLT), Units.parse("1/mV").orElseThrow().dimension());
    assertEquals(Dimension.NONE.over(VOLT), Units.parse("/mV").orElseThrow().dimension());
    assertEquals(SIEMENS.over(METRE.pow(2)), Units.parse("mS/cm**2").orElseThrow().dimension());
    assertEquals(SIEMENS.times(VOLT), Units.parse("nS*mV").orElseThrow().dimension());
    assertEquals(Unit.ONE, Units.parse("1").orElseThrow());
    assertTrue(Units.parse("mV/").isEmpty());
    assertTrue(Units.parse("parsec").isEmpty());
    assertTrue(Units.symbol("dt").isEmpty()); // d is no prefix: dt stays free for the time step
  }

  @Test
  void dimensionTextRoundTrips() {
    for (Dimension d : new Dimension[] {Dimension.NONE, VOLT, FARAD.over(METRE.pow(2)), MOLAR.over(SEC)}) {
      assertEquals(d, Dimension.parse(d.toString()));
    }
  }
}
