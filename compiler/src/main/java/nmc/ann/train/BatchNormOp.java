package nmc.ann.train;

import java.util.List;
import nmc.ann.Shape;

/**
 * Batch normalisation per channel (per feature for flat inputs). While training it uses the statistics of the
 * chunk (a "ghost batch" of {@link Net#CHUNK} examples, so results do not depend on the number of threads) and
 * reports them for the running averages; otherwise it uses the running mean and variance.
 * Parameters: gamma, beta; buffers: running mean, running variance.
 */
final class BatchNormOp extends Op {
  final double eps, momentum;
  /** Start of the running statistics in the net's buffer array. */
  int bufferOffset;
  private final int ch, per;

  BatchNormOp(Shape in, double eps, double momentum) {
    super(in, in);
    this.eps = eps;
    this.momentum = momentum;
    ch = in.channels();
    per = in.height() * in.width();
  }

  int channels() {
    return ch;
  }

  @Override
  List<Tensor> tensors() {
    return List.of(new Tensor("gamma", new int[] {ch}, false), new Tensor("beta", new int[] {ch}, false));
  }

  @Override
  List<Tensor> buffers() {
    return List.of(new Tensor("running_mean", new int[] {ch}, false), new Tensor("running_var", new int[] {ch}, false));
  }

  private static final class State {
    final float[] xhat, mean, invStd;

    State(int len, int ch) {
      xhat = new float[len];
      mean = new float[ch];
      invStd = new float[ch];
    }
  }

  @Override
  Object newState(int maxN) {
    return new State(maxN * in.size(), ch);
  }

  /** Running buffers live in Net.buffers; Net hands them in through this field before inference. */
  float[] buffers;

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    State s = (State) state;
    int size = in.size();
    for (int c = 0; c < ch; c++) {
      float mean, invStd;
      if (p.training) {
        double sum = 0, sq = 0;
        for (int e = 0; e < n; e++) {
          int o = e * size + c * per;
          for (int q = 0; q < per; q++) sum += x[o + q];
        }
        double m = sum / (n * per);
        for (int e = 0; e < n; e++) {
          int o = e * size + c * per;
          for (int q = 0; q < per; q++) {
            double d = x[o + q] - m;
            sq += d * d;
          }
        }
        double var = sq / (n * per);
        mean = (float) m;
        invStd = (float) (1 / Math.sqrt(var + eps));
        if (p.batchStats != null) {
          p.batchStats[p.statsOffset + c] = (float) m;
          int count = n * per;
          p.batchStats[p.statsOffset + ch + c] = (float) (count > 1 ? var * count / (count - 1) : var);
        }
      } else {
        mean = buffers[bufferOffset + c];
        invStd = (float) (1 / Math.sqrt(buffers[bufferOffset + ch + c] + eps));
      }
      s.mean[c] = mean;
      s.invStd[c] = invStd;
      float g = params[offset + c], b = params[offset + ch + c];
      for (int e = 0; e < n; e++) {
        int o = e * size + c * per;
        for (int q = 0; q < per; q++) {
          float xh = (x[o + q] - mean) * invStd;
          s.xhat[o + q] = xh;
          y[o + q] = g * xh + b;
        }
      }
    }
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    State s = (State) state;
    int size = in.size();
    int m = n * per;
    for (int c = 0; c < ch; c++) {
      float g = params[offset + c];
      double sumDy = 0, sumDyXhat = 0;
      for (int e = 0; e < n; e++) {
        int o = e * size + c * per;
        for (int q = 0; q < per; q++) {
          sumDy += dy[o + q];
          sumDyXhat += dy[o + q] * s.xhat[o + q];
        }
      }
      grad[offset + c] += (float) sumDyXhat;
      grad[offset + ch + c] += (float) sumDy;
      if (dx == null) continue;
      float k = g * s.invStd[c] / m; // backward runs in training only (Net.gradient): the batch's statistics
      float a = (float) sumDy, bb = (float) sumDyXhat;
      for (int e = 0; e < n; e++) {
        int o = e * size + c * per;
        for (int q = 0; q < per; q++) dx[o + q] = k * (m * dy[o + q] - a - s.xhat[o + q] * bb);
      }
    }
  }
}
