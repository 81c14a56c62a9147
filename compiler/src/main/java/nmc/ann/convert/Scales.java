package nmc.ann.convert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ann.TrainedModel;
import nmc.ann.data.Dataset;
import nmc.ann.train.Net;

/**
 * Data-based normalisation: the scale of each layer's activations on training examples, either the largest
 * value or a percentile of the positive values (two passes: the maximum, then a histogram of 32768 bins up to it,
 * read at the bin's upper edge, so the percentile is never underestimated by more than max/32768).
 */
record Scales(double input, Map<Integer, Double> byLayer) {
  private static final int BINS = 1 << 15;

  double of(int layer) {
    Double d = byLayer.get(layer);
    if (d == null) throw new IllegalStateException("no scale measured for layer " + layer);
    return d;
  }

  /** A chunk's values of one layer, or a copy minus each example's mean. */
  private static float[] values(float[] a, int n, boolean centre) {
    if (!centre) return a;
    int k = a.length / Net.CHUNK;
    float[] c = new float[n * k];
    for (int e = 0; e < n; e++) {
      double mean = 0;
      for (int j = 0; j < k; j++) mean += a[e * k + j];
      mean /= k;
      for (int j = 0; j < k; j++) c[e * k + j] = (float) (a[e * k + j] - mean);
    }
    return c;
  }

  /** {@code centred}: the point whose values are measured minus their mean over the example's outputs (-1: none). */
  static Scales measure(TrainedModel m, Dataset train, ConvertOptions o, List<Integer> points, int centred) {
    int count = Math.min(train.size(), Math.max(1, o.normExamples()));
    double inMax = 0;
    for (int i = 0; i < count * train.features(); i++) inMax = Math.max(inMax, Math.abs(train.x()[i]));
    Net net = new Net(m.model(), Runtime.getRuntime().availableProcessors());
    try {
      System.arraycopy(m.params(), 0, net.params(), 0, m.params().length);
      System.arraycopy(m.buffers(), 0, net.buffers(), 0, m.buffers().length);
      int[] pts = points.stream().mapToInt(Integer::intValue).toArray();
      double[] max = new double[pts.length];
      net.inspect(train, count, (first, n, outs) -> {
        double[] local = new double[pts.length];
        for (int p = 0; p < pts.length; p++) {
          float[] a = values(outs[pts[p]], n, pts[p] == centred);
          int len = n * (a.length / Net.CHUNK);
          for (int k = 0; k < len; k++) local[p] = Math.max(local[p], a[k]);
        }
        synchronized (max) {
          for (int p = 0; p < pts.length; p++) max[p] = Math.max(max[p], local[p]);
        }
      });
      Map<Integer, Double> out = new HashMap<>();
      if (o.norm() == ConvertOptions.Norm.MAX) {
        for (int p = 0; p < pts.length; p++) out.put(pts[p], max[p] > 0 ? max[p] : 1);
        return new Scales(inMax > 0 ? inMax : 1, out);
      }
      long[][] hist = new long[pts.length][BINS];
      net.inspect(train, count, (first, n, outs) -> {
        long[][] local = new long[pts.length][BINS];
        for (int p = 0; p < pts.length; p++) {
          if (max[p] <= 0) continue;
          float[] a = values(outs[pts[p]], n, pts[p] == centred);
          int len = n * (a.length / Net.CHUNK);
          double f = BINS / max[p];
          for (int k = 0; k < len; k++) {
            if (a[k] > 0) local[p][Math.min(BINS - 1, (int) (a[k] * f))]++;
          }
        }
        synchronized (hist) {
          for (int p = 0; p < pts.length; p++) for (int b = 0; b < BINS; b++) hist[p][b] += local[p][b];
        }
      });
      for (int p = 0; p < pts.length; p++) {
        long total = 0;
        for (long c : hist[p]) total += c;
        double v = 1;
        if (total > 0) {
          long need = (long) Math.ceil(o.percentile() / 100 * total);
          long cum = 0;
          for (int b = 0; b < BINS; b++) {
            cum += hist[p][b];
            if (cum >= need) {
              v = (b + 1) * max[p] / BINS;
              break;
            }
          }
        }
        out.put(pts[p], v);
      }
      return new Scales(inMax > 0 ? inMax : 1, out);
    } finally {
      net.close();
    }
  }
}
