package nmc.runtime.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import nmc.sim.EnergySource;
import org.junit.jupiter.api.Test;

class SiTest {
  @Test
  void prefixes() {
    assertEquals("1.50 uJ", Si.format(1.5e-6, "J"));
    assertEquals("450 ns", Si.format(4.5e-7, "s"));
    assertEquals("12.3 ms", Si.format(0.01234, "s"));
    assertEquals("1.00 s", Si.format(0.9996, "s"), "rounding up moves to the next prefix");
    assertEquals("-2.50 Hz", Si.format(-2.5, "Hz"));
    assertEquals("0 J", Si.format(0, "J"));
    assertEquals("-", Si.format(Double.NaN, "J"));
    assertEquals("1.00 fJ", Si.format(1e-15, "J"));
    assertEquals("0.00 fJ", Si.format(1e-19, "J"), "below the table: the smallest prefix");
  }

  @Test
  void axisScale() {
    assertEquals(new Si.Scale(1e-6, "uJ"), Si.scaleFor(3e-6, "J"));
    assertEquals(new Si.Scale(1, "s"), Si.scaleFor(0, "s"));
  }

  @Test
  void counts() {
    assertEquals("1,046", Si.count(1046));
    assertEquals("-", Si.count(-1));
  }

  @Test
  void energyLabels() {
    assertEquals("model", EnergySource.labelOf(Map.of("energy_j", 1e-6, "energy_source.model", 1.0)));
    assertEquals("measured", EnergySource.labelOf(Map.of("energy_j", 1e-6, "energy_source.measured", 1.0)));
    assertEquals("unlabelled", EnergySource.labelOf(Map.of("energy_j", 1e-6)));
    assertEquals("measured+estimated", EnergySource.labelOf(Map.of("energy_j", 1e-6, "energy_source.measured", 1.0,
        "energy_source.estimated", 1.0)), "two labels are shown, never merged silently");
    assertEquals(null, EnergySource.labelOf(Map.of("latency_s", 1.0)));
    assertEquals("energy_source.estimated", EnergySource.ESTIMATED.key());
  }
}
