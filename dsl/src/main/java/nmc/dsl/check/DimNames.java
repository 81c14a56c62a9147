package nmc.dsl.check;

import java.util.LinkedHashMap;
import java.util.Map;
import nmc.ir.Dimension;
import nmc.ir.Units;

/** Words for dimensions in messages ("a time (s)") and the unit an example in a hint uses ("ms"). */
public final class DimNames {
  private DimNames() {}

  private record Name(String noun, String si, String example) {}

  private static final Map<Dimension, Name> NAMES = new LinkedHashMap<>();

  private static void put(String unit, String noun, String si, String example) {
    NAMES.put(Units.parse(unit).orElseThrow().dimension(), new Name(noun, si, example));
  }

  static {
    NAMES.put(Dimension.NONE, new Name("a dimensionless number", "1", ""));
    put("s", "a time", "s", "ms");
    put("V", "a voltage", "V", "mV");
    put("A", "a current", "A", "pA");
    put("Hz", "a rate", "Hz", "Hz");
    put("S", "a conductance", "S", "nS");
    put("F", "a capacitance", "F", "pF");
    put("ohm", "a resistance", "Ohm", "MOhm");
    put("C", "a charge", "C", "pC");
    put("V/s", "a voltage per time", "V/s", "mV/ms");
    put("A/m2", "a current density", "A/m2", "uA/cm2");
    put("S/m2", "a conductance density", "S/m2", "mS/cm2");
    put("F/m2", "a capacitance per area", "F/m2", "uF/cm2");
    put("mol/m**3", "a concentration", "mol/m3", "mM");
    put("m", "a length", "m", "um");
    put("m2", "an area", "m2", "um2");
    put("1/V", "an inverse voltage", "1/V", "/mV");
    put("1/V/s", "a rate per voltage", "1/(V*s)", "/mV/ms");
    put("V/s/s", "a voltage per time squared", "V/s2", "mV/ms/ms");
    put("A/s", "a current per time", "A/s", "pA/ms");
    put("S/s", "a conductance per time", "S/s", "nS/ms");
  }

  /** "a time (s)"; unnamed dimensions print their SI base form. */
  public static String describe(Dimension d) {
    Name n = NAMES.get(d);
    if (n == null) return "a quantity in " + d;
    return d.isNone() ? n.noun : n.noun + " (" + n.si + ")";
  }

  /** A unit to write a value of {@code d} in, for hints ("ms"); "" for dimensionless, null when unknown. */
  public static String exampleUnit(Dimension d) {
    Name n = NAMES.get(d);
    return n == null ? null : n.example;
  }
}
