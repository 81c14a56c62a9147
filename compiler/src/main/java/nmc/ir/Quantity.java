package nmc.ir;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nmc.diag.UserError;

/**
 * A number with a unit as typed on the command line: {@code 500ms}, {@code "500 ms"}, {@code 0.05ms},
 * {@code 1e-4 s}, or Brian2's {@code 500*ms}; units are those of the network language ({@link Units}). The value is
 * returned in SI; a missing unit or one of the wrong dimension is a {@link UserError}.
 */
public final class Quantity {
  private Quantity() {}

  private static final Pattern FORM =
      Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*\\*?\\s*(.*?)\\s*");

  /** The SI value of {@code text}, which must have dimension {@code expected}; {@code option} names it in errors. */
  public static double parse(String text, Dimension expected, String option) {
    String example = example(expected);
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw UserError.of(option + ": '" + text + "' is not a quantity", "write a number and a unit, e.g. " + example);
    }
    double number = Double.parseDouble(m.group(1));
    String unitText = m.group(2);
    if (unitText.isEmpty()) {
      if (expected.isNone()) return number;
      throw UserError.of(option + ": '" + text.strip() + "' has no unit",
          "write the unit, e.g. " + example + " (nmc never guesses units)");
    }
    Optional<Unit> unit = Units.parse(unitText);
    if (unit.isEmpty()) {
      throw UserError.of(option + ": unknown unit '" + unitText + "' in '" + text.strip() + "'",
          "use a unit such as " + example);
    }
    if (!unit.get().dimension().equals(expected)) {
      throw UserError.of(option + ": '" + text.strip() + "' is " + what(unit.get().dimension()) + ", not " + what(expected),
          "write " + what(expected) + ", e.g. " + example);
    }
    double si = unit.get().toSi(number);
    if (!Double.isFinite(si)) throw UserError.of(option + ": '" + text.strip() + "' is not a finite value", "e.g. " + example);
    return si;
  }

  /** A duration: a time that is zero or more. */
  public static double duration(String text, String option) {
    double v = parse(text, Dimension.TIME, option);
    if (v < 0) throw UserError.of(option + ": a duration cannot be negative (got '" + text.strip() + "')", "e.g. 500ms");
    return v;
  }

  /** A time step: a time greater than zero. */
  public static double timeStep(String text, String option) {
    double v = parse(text, Dimension.TIME, option);
    if (!(v > 0)) throw UserError.of(option + ": the time step must be greater than zero (got '" + text.strip() + "')", "e.g. 0.1ms");
    return v;
  }

  private static String example(Dimension d) {
    if (d.equals(Dimension.TIME)) return "500ms or \"0.1 ms\"";
    if (d.equals(Dimension.VOLTAGE)) return "-65mV";
    if (d.equals(Dimension.CURRENT)) return "10nA";
    if (d.equals(Dimension.RATE)) return "20Hz";
    return "1 " + Units.describe(d);
  }

  /** "a time", "a voltage" ... for messages. */
  static String what(Dimension d) {
    if (d.equals(Dimension.TIME)) return "a time";
    if (d.equals(Dimension.VOLTAGE)) return "a voltage";
    if (d.equals(Dimension.CURRENT)) return "a current";
    if (d.equals(Dimension.RATE)) return "a rate";
    if (d.isNone()) return "a plain number";
    return "a quantity in " + Units.describe(d);
  }
}
