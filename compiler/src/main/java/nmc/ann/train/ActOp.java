package nmc.ann.train;

import nmc.ann.Activation;
import nmc.ann.Shape;

/**
 * Activation functions and their derivatives. Softmax works per example over the whole vector (shifted by the
 * maximum for range). Threshold has no useful derivative (0 almost everywhere); it passes the straight-through
 * surrogate 1 for |x| <= 1 and 0 beyond, so a layer before it can still learn.
 */
final class ActOp extends Op {
  final Activation kind;
  private final float alpha;

  ActOp(Shape in, Activation kind, double alpha) {
    super(in, in);
    this.kind = kind;
    this.alpha = (float) alpha;
  }

  @Override
  void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state) {
    int len = n * in.size();
    switch (kind) {
      case RELU -> {
        for (int i = 0; i < len; i++) y[i] = Math.max(x[i], 0f);
      }
      case LEAKY_RELU -> {
        for (int i = 0; i < len; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
      }
      case ELU -> {
        for (int i = 0; i < len; i++) y[i] = x[i] > 0 ? x[i] : (float) (alpha * Math.expm1(x[i]));
      }
      case SIGMOID -> {
        for (int i = 0; i < len; i++) y[i] = sigmoid(x[i]);
      }
      case TANH -> {
        for (int i = 0; i < len; i++) y[i] = (float) Math.tanh(x[i]);
      }
      case SWISH -> {
        for (int i = 0; i < len; i++) y[i] = x[i] * sigmoid(x[i]);
      }
      case THRESHOLD -> {
        for (int i = 0; i < len; i++) y[i] = x[i] >= 0 ? 1f : 0f;
      }
      case SOFTMAX -> softmax(x, y, n, in.size());
    }
  }

  static float sigmoid(float v) {
    return (float) (1 / (1 + Math.exp(-v)));
  }

  static void softmax(float[] x, float[] y, int n, int size) {
    for (int e = 0; e < n; e++) {
      int o = e * size;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < size; j++) max = Math.max(max, x[o + j]);
      double sum = 0;
      for (int j = 0; j < size; j++) {
        float v = (float) Math.exp(x[o + j] - max);
        y[o + j] = v;
        sum += v;
      }
      float inv = (float) (1 / sum);
      for (int j = 0; j < size; j++) y[o + j] *= inv;
    }
  }

  @Override
  void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state) {
    if (dx == null) return;
    int len = n * in.size();
    switch (kind) {
      case RELU -> {
        for (int i = 0; i < len; i++) dx[i] = x[i] > 0 ? dy[i] : 0f;
      }
      case LEAKY_RELU -> {
        for (int i = 0; i < len; i++) dx[i] = x[i] > 0 ? dy[i] : alpha * dy[i];
      }
      case ELU -> {
        for (int i = 0; i < len; i++) dx[i] = x[i] > 0 ? dy[i] : dy[i] * (y[i] + alpha);
      }
      case SIGMOID -> {
        for (int i = 0; i < len; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
      }
      case TANH -> {
        for (int i = 0; i < len; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
      }
      case SWISH -> {
        for (int i = 0; i < len; i++) {
          float s = sigmoid(x[i]);
          dx[i] = dy[i] * (s + x[i] * s * (1 - s));
        }
      }
      case THRESHOLD -> {
        for (int i = 0; i < len; i++) dx[i] = Math.abs(x[i]) <= 1 ? dy[i] : 0f;
      }
      case SOFTMAX -> {
        int size = in.size();
        for (int e = 0; e < n; e++) {
          int o = e * size;
          float dot = 0;
          for (int j = 0; j < size; j++) dot += dy[o + j] * y[o + j];
          for (int j = 0; j < size; j++) dx[o + j] = y[o + j] * (dy[o + j] - dot);
        }
      }
    }
  }
}
