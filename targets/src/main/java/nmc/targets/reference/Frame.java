package nmc.targets.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arrays of one set of elements of equal count (a neuron population, or a projection's post- or pre-state):
 * named slots holding one {@code double[]} per variable (structure of arrays), and the scratch buffers its compiled
 * expressions write into.
 */
final class Frame {
  final int size;
  double[][] slots = new double[0][];
  private final List<double[]> scratch = new ArrayList<>();

  Frame(int size) {
    this.size = size;
  }

  /** Adds an array as a new slot and returns its index. */
  int add(double[] values) {
    if (values.length != size) throw new IllegalArgumentException("slot of length " + values.length + " in a frame of " + size);
    slots = Arrays.copyOf(slots, slots.length + 1);
    slots[slots.length - 1] = values;
    return slots.length - 1;
  }

  /** The scratch buffer for expression depth {@code d}, shared by all expressions of this frame. */
  double[] scratch(int d) {
    while (scratch.size() <= d) scratch.add(new double[size]);
    return scratch.get(d);
  }
}
