package nmc.ann.train;

import nmc.ann.Shape;
import nmc.ir.build.Rng;

/**
 * Inverted dropout: while training each value is kept with probability 1-p and scaled by 1/(1-p); the draws are
 * counter-based (seed, layer, example counter, element), so they do not depend on how chunks meet threads.
 */
final class DropoutOp extends Op {
  private final double rate;
  private final long stream;

  DropoutOp(Shape in, double rate, int layerIndex) {
    super(in, in);
    this.rate = rate;
    this.stream = Rng.stream("dropout/" + layerIndex);
  }

  @Override
  Object newState(int maxN) {
    return new float[maxN * in.size()];
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    int size = in.size();
    if (!p.training || rate == 0) {
      System.arraycopy(x, 0, y, 0, n * size);
      return;
    }
    float[] mask = (float[]) state;
    float keep = (float) (1 / (1 - rate));
    for (int e = 0; e < n; e++) {
      long base = (p.exampleCounter + e) * size;
      for (int j = 0; j < size; j++) {
        int i = e * size + j;
        mask[i] = Rng.uniform(p.seed, stream, base + j) < rate ? 0f : keep;
        y[i] = x[i] * mask[i];
      }
    }
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    if (dx == null) return;
    if (!p.training || rate == 0) {
      System.arraycopy(dy, 0, dx, 0, n * in.size());
      return;
    }
    float[] mask = (float[]) state;
    for (int i = 0; i < n * in.size(); i++) dx[i] = dy[i] * mask[i];
  }
}
