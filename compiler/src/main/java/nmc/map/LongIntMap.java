package nmc.map;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative long keys to int values, without boxing (the partitioner's hot loop
 * counts synapses per axon key). Keys are listed in insertion order for iteration and for cheap clearing.
 */
final class LongIntMap {
  private long[] keys;
  private int[] values;
  private long[] order;
  private int[] orderSlot;
  private int size, mask;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    Arrays.fill(keys, -1);
    values = new int[cap];
    order = new long[Math.max(8, expected)];
    orderSlot = new int[order.length];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  private int slot(long k) {
    int h = (int) (k ^ (k >>> 32)) * 0x9E3779B9;
    int s = (h ^ (h >>> 16)) & mask;
    while (keys[s] != -1 && keys[s] != k) s = (s + 1) & mask;
    return s;
  }

  /** The value of k, or 0 when absent. */
  int get(long k) {
    int s = slot(k);
    return keys[s] == k ? values[s] : 0;
  }

  boolean contains(long k) {
    return keys[slot(k)] == k;
  }

  /** Adds d to the value of k (absent keys start at 0). */
  void add(long k, int d) {
    int s = slot(k);
    if (keys[s] != k) {
      keys[s] = k;
      values[s] = 0;
      if (size == order.length) {
        order = Arrays.copyOf(order, size * 2);
        orderSlot = Arrays.copyOf(orderSlot, size * 2);
      }
      order[size] = k;
      orderSlot[size++] = s;
      if (size * 2 > keys.length) {
        values[s] += d;
        grow();
        return;
      }
    }
    values[s] += d;
  }

  /** The i-th key inserted. */
  long key(int i) {
    return order[i];
  }

  /** The value of the i-th key inserted. */
  int value(int i) {
    return values[orderSlot[i]];
  }

  void clear() {
    for (int i = 0; i < size; i++) keys[orderSlot[i]] = -1;
    size = 0;
  }

  private void grow() {
    long[] ok = keys;
    int[] ov = values;
    keys = new long[ok.length * 2];
    Arrays.fill(keys, -1);
    values = new int[ok.length * 2];
    mask = keys.length - 1;
    for (int i = 0; i < size; i++) {
      long k = order[i];
      int s = slot(k);
      keys[s] = k;
      values[s] = ov[orderSlot[i]];
      orderSlot[i] = s;
    }
  }
}
