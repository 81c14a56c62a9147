package nmc.targets.reference;

import java.util.Arrays;

/** A population as the spike exchange sees it: its size and the indices that spiked in the current step. */
abstract sealed class SpikeGroup permits NeuronGroup, SourceGroup {
  final String name;
  final int size;
  int[] spiked = new int[16];
  int spikedCount;
  long totalSpikes;

  SpikeGroup(String name, int size) {
    this.name = name;
    this.size = size;
  }

  final void addSpike(int i) {
    if (spikedCount == spiked.length) spiked = Arrays.copyOf(spiked, spiked.length * 2);
    spiked[spikedCount++] = i;
  }

  /** The time recorded for this step's spikes: t_{n+1} for neurons (the state they crossed at), t_n for sources. */
  abstract double spikeTime(long n, double dt);
}
