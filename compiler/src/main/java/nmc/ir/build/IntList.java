package nmc.ir.build;

import java.util.Arrays;

/** A growable {@code int[]} (no boxing), for builders and per-step scratch lists. */
public final class IntList {
  private int[] a;
  private int n;

  public IntList() {
    this(16);
  }

  public IntList(int capacity) {
    a = new int[Math.max(capacity, 4)];
  }

  public void add(int x) {
    if (n == a.length) a = Arrays.copyOf(a, grow(a.length));
    a[n++] = x;
  }

  /** Doubles, up to the largest array a JVM allocates; past it, out of memory (the CLI says so), not a negative size. */
  private static int grow(int len) {
    long next = Math.min(2L * len, Integer.MAX_VALUE - 8);
    if (next <= len) throw new OutOfMemoryError("more than " + (Integer.MAX_VALUE - 8) + " entries in one list (one projection's connections)");
    return (int) next;
  }

  public int get(int i) {
    return a[i];
  }

  public int size() {
    return n;
  }

  /** Keeps the first {@code newSize} values. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > n) throw new IllegalArgumentException("truncate to " + newSize + " of " + n);
    n = newSize;
  }

  public void clear() {
    n = 0;
  }

  /** The backing array (valid up to {@link #size()}); for hot loops that must not copy. */
  public int[] raw() {
    return a;
  }

  public int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
