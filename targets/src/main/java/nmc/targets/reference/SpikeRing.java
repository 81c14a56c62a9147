package nmc.targets.reference;

import java.util.Arrays;

/**
 * Spikes in flight for one projection (common.md, step 6): slot {@code m % length} holds what is delivered at the
 * start of step m. With one delay for every connection an entry is a source index (its whole row is delivered);
 * otherwise an entry is a connection index. {@code length} = max delay in steps + 2, so a spike emitted at the end
 * of step n with delay d (delivered at n + 1 + d) never lands in the slot being delivered.
 */
final class SpikeRing {
  final int length;
  final int[][] items;
  final int[] count;

  SpikeRing(int maxDelaySteps) {
    length = maxDelaySteps + 2;
    items = new int[length][8];
    count = new int[length];
  }

  void push(int slot, int value) {
    int c = count[slot];
    if (c == items[slot].length) items[slot] = Arrays.copyOf(items[slot], c * 2);
    items[slot][c] = value;
    count[slot] = c + 1;
  }

  int slotOf(long step) {
    return (int) (step % length);
  }
}
