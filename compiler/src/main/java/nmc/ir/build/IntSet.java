package nmc.ir.build;

/** A small open-addressing set of non-negative ints, cleared in O(1) by an epoch stamp (one per Floyd draw). */
final class IntSet {
  private final int[] keys;
  private final int[] stamp;
  private final int mask;
  private int epoch = 1;

  IntSet(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 + 1)) << 1;
    keys = new int[cap];
    stamp = new int[cap];
    mask = cap - 1;
  }

  void clear() {
    epoch++;
  }

  /** Adds v; false when it was already present. */
  boolean add(int v) {
    int h = (v * 0x9E3779B1) >>> 7 & mask;
    while (stamp[h] == epoch) {
      if (keys[h] == v) return false;
      h = (h + 1) & mask;
    }
    stamp[h] = epoch;
    keys[h] = v;
    return true;
  }
}
