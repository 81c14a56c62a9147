package nmc.runtime.compare;

import java.util.Locale;

/** Numbers with SI prefixes for people ({@code 1.23 uJ}, {@code 450 ns}); a missing figure (NaN) is "-". */
public final class Si {
  private Si() {}

  private static final String[] PREFIX = {"f", "p", "n", "u", "m", "", "k", "M", "G", "T"};
  private static final int UNIT_INDEX = 5;

  /** {@code value} in {@code unit} with three significant digits and the prefix that keeps it in [1, 1000). */
  public static String format(double value, String unit) {
    if (Double.isNaN(value)) return "-";
    if (Double.isInfinite(value)) return (value > 0 ? "inf " : "-inf ") + unit;
    if (value == 0) return "0 " + unit;
    int k = prefixIndex(Math.abs(value));
    double scaled = value / Math.pow(1000, k - UNIT_INDEX);
    return String.format(Locale.ROOT, "%s %s%s", threeDigits(scaled), PREFIX[k], unit);
  }

  /** The prefix index for magnitude {@code abs}, clamped to the table. */
  static int prefixIndex(double abs) {
    int k = UNIT_INDEX + (int) Math.floor(Math.log10(abs) / 3);
    // 999.6 rounds to "1.00e3": move up one prefix so the digits stay below 1000
    if (abs / Math.pow(1000, k - UNIT_INDEX) >= 999.5) k++;
    return Math.max(0, Math.min(PREFIX.length - 1, k));
  }

  /** The factor and prefixed unit for an axis whose largest value is {@code max}: {1e-6, "uJ"}. */
  public static Scale scaleFor(double max, String unit) {
    if (!(max > 0) || Double.isInfinite(max)) return new Scale(1, unit);
    int k = prefixIndex(max);
    return new Scale(Math.pow(1000, k - UNIT_INDEX), PREFIX[k] + unit);
  }

  /** Divide by {@code factor} to express a value in {@code unit}. */
  public record Scale(double factor, String unit) {}

  static String threeDigits(double v) {
    double a = Math.abs(v);
    String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
    return s;
  }

  /** A dimensionless figure with {@code decimals} decimals, or "-" for NaN. */
  public static String plain(double v, int decimals) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A count with thousands separators, or "-" when negative (not reported). */
  public static String count(long v) {
    return v < 0 ? "-" : String.format(Locale.ROOT, "%,d", v);
  }
}
