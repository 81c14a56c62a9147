package nmc.map;

import java.util.Arrays;

/** A growable int array (no boxing in the mapping's hot loops). */
final class IntBuf {
  private int[] a;
  private int n;

  IntBuf() {
    this(16);
  }

  IntBuf(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int x) {
    if (n == a.length) a = Arrays.copyOf(a, n * 2);
    a[n++] = x;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return n;
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
