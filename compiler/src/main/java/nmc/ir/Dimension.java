package nmc.ir;

import java.util.ArrayList;
import java.util.List;

/** A physical dimension as integer exponents of the SI base units m, kg, s, A, K, mol, cd. */
public record Dimension(int m, int kg, int s, int a, int k, int mol, int cd) {
  public static final Dimension NONE = new Dimension(0, 0, 0, 0, 0, 0, 0);
  public static final Dimension TIME = new Dimension(0, 0, 1, 0, 0, 0, 0);
  public static final Dimension VOLTAGE = new Dimension(2, 1, -3, -1, 0, 0, 0);
  public static final Dimension CURRENT = new Dimension(0, 0, 0, 1, 0, 0, 0);
  public static final Dimension RATE = new Dimension(0, 0, -1, 0, 0, 0, 0);

  private static final String[] SYMBOLS = {"m", "kg", "s", "A", "K", "mol", "cd"};

  private int[] exps() {
    return new int[] {m, kg, s, a, k, mol, cd};
  }

  private static Dimension of(int[] e) {
    return new Dimension(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
  }

  public Dimension times(Dimension o) {
    int[] x = exps(), y = o.exps();
    for (int i = 0; i < 7; i++) x[i] += y[i];
    return of(x);
  }

  public Dimension over(Dimension o) {
    return times(o.pow(-1));
  }

  public Dimension pow(int p) {
    int[] x = exps();
    for (int i = 0; i < 7; i++) x[i] *= p;
    return of(x);
  }

  public boolean isNone() {
    return equals(NONE);
  }

  /** SI base form, e.g. {@code m^2*kg*s^-3*A^-1} for volts, or {@code 1} when dimensionless. */
  @Override
  public String toString() {
    int[] x = exps();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      if (x[i] == 1) parts.add(SYMBOLS[i]);
      else if (x[i] != 0) parts.add(SYMBOLS[i] + "^" + x[i]);
    }
    return parts.isEmpty() ? "1" : String.join("*", parts);
  }

  /** Inverse of {@link #toString()}. */
  public static Dimension parse(String text) {
    int[] x = new int[7];
    if (text.equals("1")) return NONE;
    for (String part : text.split("\\*")) {
      String[] pe = part.split("\\^");
      int idx = List.of(SYMBOLS).indexOf(pe[0]);
      if (idx < 0 || pe.length > 2) throw new IllegalArgumentException("not a dimension: " + text);
      x[idx] += pe.length == 2 ? Integer.parseInt(pe[1]) : 1;
    }
    return of(x);
  }
}
