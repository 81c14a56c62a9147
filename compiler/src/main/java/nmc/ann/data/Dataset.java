package nmc.ann.data;

import nmc.ann.Shape;

/**
 * Examples in one flat array: example i is {@code x[i*features .. (i+1)*features)} in CHW order. Classification
 * sets have {@code labels} (0 .. classes-1) and {@code targets == null}; regression sets the reverse, with
 * {@code outputs} values per example.
 */
public record Dataset(String name, Shape shape, float[] x, int[] labels, int classes, float[] targets, int outputs) {

  public int size() {
    return x.length / shape.size();
  }

  public int features() {
    return shape.size();
  }

  public boolean regression() {
    return targets != null;
  }

  /** The features of example {@code i} (a copy). */
  public float[] example(int i) {
    int f = features();
    return java.util.Arrays.copyOfRange(x, i * f, (i + 1) * f);
  }

  /** The first {@code n} examples (all when n <= 0 or n >= size). */
  public Dataset head(int n) {
    if (n <= 0 || n >= size()) return this;
    float[] xs = java.util.Arrays.copyOf(x, n * features());
    return regression() ? new Dataset(name, shape, xs, null, 0, java.util.Arrays.copyOf(targets, n * outputs), outputs)
        : new Dataset(name, shape, xs, java.util.Arrays.copyOf(labels, n), classes, null, 0);
  }

  /** A view of the same data under another shape of equal size (an IDX image set read as a flat vector ...). */
  public Dataset reshaped(Shape s) {
    if (s.size() != shape.size()) throw new IllegalArgumentException("reshape " + shape + " to " + s);
    return new Dataset(name, s, x, labels, classes, targets, outputs);
  }
}
