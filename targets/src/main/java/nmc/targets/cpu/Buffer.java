package nmc.targets.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One array the host allocates off-heap and shares with the kernel: a field of the generated C struct, bound by
 * position in the buffer table. {@code fill} writes the initial contents (null: zeros).
 */
record Buffer(String field, Elem elem, long length, String comment, Fill fill) {
  /** Element types, with their C names. */
  enum Elem {
    F64("double", 8), F32("float", 4), I32("int32_t", 4), I64("int64_t", 8);

    final String c;
    final int bytes;

    Elem(String c, int bytes) {
      this.c = c;
      this.bytes = bytes;
    }
  }

  /** Writes a buffer's initial contents into its segment. */
  @FunctionalInterface
  interface Fill {
    void into(MemorySegment segment);
  }

  long bytes() {
    return length * elem.bytes;
  }

  /** Fill for a real-valued array (float64 or float32 elements), permuted when {@code perm} is not null. */
  static Fill reals(double[] values, Elem elem, int[] perm) {
    return seg -> {
      int n = perm == null ? values.length : perm.length;
      if (elem == Elem.F64) {
        if (perm == null) MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_DOUBLE, 0, n);
        else for (int m = 0; m < n; m++) seg.setAtIndex(ValueLayout.JAVA_DOUBLE, m, values[perm[m]]);
      } else {
        for (int m = 0; m < n; m++) seg.setAtIndex(ValueLayout.JAVA_FLOAT, m, (float) values[perm == null ? m : perm[m]]);
      }
    };
  }

  static Fill ints(int[] values) {
    return seg -> MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_INT, 0, values.length);
  }

  static Fill longs(long[] values) {
    return seg -> MemorySegment.copy(values, 0, seg, ValueLayout.JAVA_LONG, 0, values.length);
  }
}
