package nmc.ir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The units the language knows, and the parser of unit expressions such as {@code mV}, {@code uA/cm2},
 * {@code 1/ms}, {@code mS/cm**2} or {@code nS*mV}. A trailing digit on a symbol is an exponent ({@code cm2}).
 */
public final class Units {
  private Units() {}

  private record Base(Dimension dim, double scale) {}

  private static final Map<String, Base> BASES = new LinkedHashMap<>();
  private static final Map<Character, Double> PREFIXES = Map.of(
      'p', 1e-12, 'n', 1e-9, 'u', 1e-6, 'µ', 1e-6, 'm', 1e-3, 'c', 1e-2, 'k', 1e3, 'M', 1e6, 'G', 1e9);

  static {
    Dimension volt = Dimension.VOLTAGE;
    Dimension amp = Dimension.CURRENT;
    Dimension second = Dimension.TIME;
    Dimension coulomb = amp.times(second);
    BASES.put("s", new Base(second, 1));
    BASES.put("Hz", new Base(Dimension.RATE, 1));
    BASES.put("V", new Base(volt, 1));
    BASES.put("A", new Base(amp, 1));
    BASES.put("F", new Base(coulomb.over(volt), 1));
    BASES.put("S", new Base(amp.over(volt), 1));
    BASES.put("ohm", new Base(volt.over(amp), 1));
    BASES.put("Ohm", new Base(volt.over(amp), 1));
    BASES.put("m", new Base(new Dimension(1, 0, 0, 0, 0, 0, 0), 1));
    BASES.put("g", new Base(new Dimension(0, 1, 0, 0, 0, 0, 0), 1e-3));
    BASES.put("mol", new Base(new Dimension(0, 0, 0, 0, 0, 1, 0), 1));
    BASES.put("M", new Base(new Dimension(-3, 0, 0, 0, 0, 1, 0), 1e3)); // molar = mol/L
    BASES.put("K", new Base(new Dimension(0, 0, 0, 0, 1, 0, 0), 1));
    BASES.put("C", new Base(coulomb, 1));
    BASES.put("J", new Base(new Dimension(2, 1, -2, 0, 0, 0, 0), 1));
    BASES.put("W", new Base(new Dimension(2, 1, -3, 0, 0, 0, 0), 1));
  }

  /** A single symbol with an optional prefix and exponent digit, e.g. {@code ms}, {@code cm2}, {@code Mohm}. */
  public static Optional<Unit> symbol(String text) {
    String sym = text;
    int exp = 1;
    if (!sym.isEmpty() && Character.isDigit(sym.charAt(sym.length() - 1))) {
      exp = sym.charAt(sym.length() - 1) - '0';
      sym = sym.substring(0, sym.length() - 1);
    }
    Base b = BASES.get(sym);
    double prefix = 1;
    if (b == null && sym.length() > 1 && PREFIXES.containsKey(sym.charAt(0))) {
      b = BASES.get(sym.substring(1));
      prefix = PREFIXES.get(sym.charAt(0));
    }
    if (b == null || exp == 0) return Optional.empty();
    return Optional.of(new Unit(text, b.dim.pow(exp), Math.pow(b.scale * prefix, exp)));
  }

  /**
   * Parses a unit expression: symbols joined by {@code *} and {@code /}, with optional {@code **n} powers, a
   * leading {@code 1/} or {@code /}, and parentheses-free left-to-right evaluation ({@code mV/ms/nA} divides twice).
   */
  public static Optional<Unit> parse(String text) {
    String t = text.replace(" ", "");
    if (t.isEmpty()) return Optional.empty();
    if (t.equals("1")) return Optional.of(Unit.ONE);
    Dimension dim = Dimension.NONE;
    double scale = 1;
    int i = 0;
    boolean divide = false;
    if (t.startsWith("1/")) { i = 2; divide = true; }
    else if (t.startsWith("/")) { i = 1; divide = true; }
    while (i < t.length()) {
      int j = i;
      while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == 'µ')) j++;
      Optional<Unit> u = symbol(t.substring(i, j));
      if (u.isEmpty()) return Optional.empty();
      int power = 1;
      if (t.startsWith("**", j)) {
        int k = j + 2;
        boolean neg = k < t.length() && t.charAt(k) == '-';
        if (neg) k++;
        int s = k;
        while (k < t.length() && Character.isDigit(t.charAt(k))) k++;
        if (k == s) return Optional.empty();
        power = Integer.parseInt(t.substring(s, k)) * (neg ? -1 : 1);
        j = k;
      }
      Dimension d = u.get().dimension().pow(power);
      double sc = Math.pow(u.get().scale(), power);
      if (divide) { dim = dim.over(d); scale /= sc; } else { dim = dim.times(d); scale *= sc; }
      if (j == t.length()) break;
      char op = t.charAt(j);
      if (op != '*' && op != '/') return Optional.empty();
      divide = op == '/';
      i = j + 1;
      if (i == t.length()) return Optional.empty();
    }
    return Optional.of(new Unit(text, dim, scale));
  }

  /** The unit for a SI-base display: a readable name when the dimension is a common one, else its base form. */
  public static String describe(Dimension d) {
    for (String s : new String[] {"V", "A", "s", "Hz", "S", "F", "ohm", "M", "m"}) {
      if (BASES.get(s).dim.equals(d)) return s;
    }
    return d.toString();
  }
}
