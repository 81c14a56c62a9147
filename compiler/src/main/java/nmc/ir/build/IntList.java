package nmc.ir.build;

import java.util.Arrays;

/** A growable array of ints, so wiring builds rows without boxing. */
final class IntList {
  private int[] a;
  private int n;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (n == a.length) a = Arrays.copyOf(a, grow(a.length));
    a[n++] = v;
  }

  int size() {
    return n;
  }

  int get(int i) {
    return a[i];
  }

  int[] raw() {
    return a;
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }

  private static int grow(int len) {
    long next = len + (len >> 1) + 16L;
    if (next > Integer.MAX_VALUE - 8) next = Integer.MAX_VALUE - 8;
    if (next <= len) throw new OutOfMemoryError("more than 2^31 connections in one projection");
    return (int) next;
  }
}
