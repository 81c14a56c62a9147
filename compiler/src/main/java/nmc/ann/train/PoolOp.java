package nmc.ann.train;

import nmc.ann.Layer;
import nmc.ann.Shape;

/** Per-channel max or average pooling over windows without padding; max remembers where each maximum was. */
final class PoolOp extends Op {
  private final Layer.Pool l;

  PoolOp(Shape in, Shape out, Layer.Pool l) {
    super(in, out);
    this.l = l;
  }

  @Override
  Object newState(int maxN) {
    return l.kind() == Layer.PoolKind.MAX ? new int[maxN * out.size()] : null;
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    int[] arg = (int[]) state;
    int c = in.channels(), h = in.height(), w = in.width(), oh = out.height(), ow = out.width();
    int kh = l.kernelHeight(), kw = l.kernelWidth(), st = l.stride();
    boolean max = l.kind() == Layer.PoolKind.MAX;
    float inv = 1f / (kh * kw);
    for (int e = 0; e < n; e++) {
      int xo = e * in.size(), yo = e * out.size();
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            int o = yo + (ch * oh + oy) * ow + ox;
            float best = Float.NEGATIVE_INFINITY, sum = 0;
            int bestAt = -1;
            for (int ky = 0; ky < kh; ky++) {
              int row = xo + (ch * h + oy * st + ky) * w + ox * st;
              for (int kx = 0; kx < kw; kx++) {
                float v = x[row + kx];
                sum += v;
                if (v > best || bestAt < 0) {
                  best = v;
                  bestAt = row + kx;
                }
              }
            }
            if (max) {
              y[o] = best;
              arg[o] = bestAt;
            } else {
              y[o] = sum * inv;
            }
          }
        }
      }
    }
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    if (dx == null) return;
    java.util.Arrays.fill(dx, 0, n * in.size(), 0f);
    if (l.kind() == Layer.PoolKind.MAX) {
      int[] arg = (int[]) state;
      for (int o = 0; o < n * out.size(); o++) dx[arg[o]] += dy[o];
      return;
    }
    int c = in.channels(), h = in.height(), w = in.width(), oh = out.height(), ow = out.width();
    int kh = l.kernelHeight(), kw = l.kernelWidth(), st = l.stride();
    float inv = 1f / (kh * kw);
    for (int e = 0; e < n; e++) {
      int xo = e * in.size(), yo = e * out.size();
      for (int ch = 0; ch < c; ch++) {
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            float g = dy[yo + (ch * oh + oy) * ow + ox] * inv;
            for (int ky = 0; ky < kh; ky++) {
              int row = xo + (ch * h + oy * st + ky) * w + ox * st;
              for (int kx = 0; kx < kw; kx++) dx[row + kx] += g;
            }
          }
        }
      }
    }
  }
}
