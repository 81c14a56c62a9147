package nmc.ir;

import java.util.Arrays;

/** An immutable array of ints with value equality. */
public record Ints(int[] values) {
  public static final Ints EMPTY = new Ints(new int[0]);

  public Ints {
    values = values.clone();
  }

  public static Ints of(int... v) {
    return new Ints(v);
  }

  public int size() {
    return values.length;
  }

  public int get(int i) {
    return values[i];
  }

  public boolean isEmpty() {
    return values.length == 0;
  }

  @Override
  public int[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ints v && Arrays.equals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
