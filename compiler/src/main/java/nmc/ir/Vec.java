package nmc.ir;

import java.util.Arrays;

/** An immutable array of doubles with value equality (records compare arrays by reference). */
public record Vec(double[] values) {
  public Vec {
    values = values.clone();
  }

  public static Vec of(double... v) {
    return new Vec(v);
  }

  public int size() {
    return values.length;
  }

  public double get(int i) {
    return values[i];
  }

  /** A copy; the IR never hands out its own array. */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vec v && Arrays.equals(values, v.values);
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
