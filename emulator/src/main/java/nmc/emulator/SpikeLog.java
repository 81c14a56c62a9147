package nmc.emulator;

import nmc.ir.build.IntList;

/**
 * Every compartment spike, in order of step, then core id, then compartment index: spike k was emitted by
 * compartment {@link #compartment(int)} of core {@link #core(int)} at the end of step {@link #step(int)}.
 */
public final class SpikeLog {
  private final IntList step = new IntList(1024), core = new IntList(1024), cx = new IntList(1024);

  /** Appends a spike; emulators add in order of step, then core, then compartment (neuron). */
  public void add(long s, int c, int i) {
    step.add(Math.toIntExact(s));
    core.add(c);
    cx.add(i);
  }

  public int count() {
    return step.size();
  }

  public int step(int k) {
    return step.get(k);
  }

  public int core(int k) {
    return core.get(k);
  }

  public int compartment(int k) {
    return cx.get(k);
  }

  /** Steps at which compartment {@code i} of core {@code c} spiked, in order. */
  public int[] stepsOf(int c, int i) {
    IntList out = new IntList();
    for (int k = 0; k < count(); k++) if (core.get(k) == c && cx.get(k) == i) out.add(step.get(k));
    return out.toArray();
  }

  /** The log as rows {step, core, compartment} (for comparisons). */
  public int[][] rows() {
    int[][] r = new int[count()][];
    for (int k = 0; k < r.length; k++) r[k] = new int[] {step.get(k), core.get(k), cx.get(k)};
    return r;
  }
}
