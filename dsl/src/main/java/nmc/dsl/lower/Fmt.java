package nmc.dsl.lower;

/** Numbers in messages: whole numbers without a trailing ".0". */
final class Fmt {
  private Fmt() {}

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }
}
