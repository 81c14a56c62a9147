package nmc.runtime.io;

import nmc.ir.json.Json;

/** Number formatting for the output files: exact where that is cheap, 12 significant digits elsewhere. */
public final class Numbers {
  private Numbers() {}

  /** Seconds as milliseconds, rounded to the nanosecond, without trailing zeros ({@code 0.0123 -> "12.3"}). */
  public static String ms(double seconds) {
    if (!Double.isFinite(seconds) || Math.abs(seconds) > 9e9) return Json.number(seconds * 1e3);
    long ns = Math.round(seconds * 1e9);
    StringBuilder sb = new StringBuilder(16);
    if (ns < 0) {
      sb.append('-');
      ns = -ns;
    }
    sb.append(ns / 1_000_000);
    long frac = ns % 1_000_000;
    if (frac != 0) {
      String f = Long.toString(frac + 1_000_000).substring(1); // six digits with leading zeros
      int end = f.length();
      while (f.charAt(end - 1) == '0') end--;
      sb.append('.').append(f, 0, end);
    }
    return sb.toString();
  }

  /** {@code seconds} in ms as a double, rounded to the nanosecond (for JSON). */
  public static double msValue(double seconds) {
    return Double.parseDouble(ms(seconds));
  }

  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
  }

  /**
   * {@code v} rounded to 12 significant digits, so that unit conversion noise ({@code -59.99999999999999} for
   * -60 mV) does not reach the files; far below the accuracy of any simulation.
   */
  public static double round12(double v) {
    if (v == 0 || !Double.isFinite(v)) return v;
    int k = 11 - (int) Math.floor(Math.log10(Math.abs(v)));
    if (k < 0 || k >= POW10.length) { // outside the fast path's exact powers of ten
      return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }
    return Math.round(v * POW10[k]) / POW10[k];
  }

  /** Shortest text of {@link #round12}. NaN and infinities as {@code nan}, {@code inf}, {@code -inf}. */
  public static String value(double v) {
    if (Double.isNaN(v)) return "nan";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return Json.number(round12(v));
  }
}
