package nmc.ann.train;

import java.util.List;
import nmc.ann.Training;

/** SGD with (Nesterov) momentum, or Adam, on the flat parameter array; L2 weight decay on weight tensors only. */
public final class Optimizer {
  private final Training.Optimizer kind;
  private final double weightDecay;
  private final boolean[] decay;
  private final float[] m, v;
  private long step;

  public Optimizer(Training.Optimizer kind, double weightDecay, Net net) {
    this.kind = kind;
    this.weightDecay = weightDecay;
    int n = net.params().length;
    decay = new boolean[n];
    List<Net.TensorInfo> ts = net.tensors();
    for (Net.TensorInfo t : ts) {
      if (!t.buffer() && t.decay()) java.util.Arrays.fill(decay, t.offset(), t.offset() + t.size(), true);
    }
    m = new float[n];
    v = kind instanceof Training.Optimizer.Adam ? new float[n] : null;
  }

  /** One update of {@code params} with gradient {@code grad} at learning rate {@code lr}. */
  public void step(float[] params, float[] grad, double lr) {
    step++;
    if (weightDecay != 0) {
      float wd = (float) weightDecay;
      for (int k = 0; k < params.length; k++) if (decay[k]) grad[k] += wd * params[k];
    }
    switch (kind) {
      case Training.Optimizer.Sgd s -> {
        float mu = (float) s.momentum(), a = (float) lr;
        for (int k = 0; k < params.length; k++) {
          m[k] = mu * m[k] + grad[k];
          params[k] -= a * (s.nesterov() ? grad[k] + mu * m[k] : m[k]);
        }
      }
      case Training.Optimizer.Adam ad -> {
        float b1 = (float) ad.beta1(), b2 = (float) ad.beta2(), eps = (float) ad.eps();
        double c1 = 1 - Math.pow(ad.beta1(), step), c2 = 1 - Math.pow(ad.beta2(), step);
        float a = (float) (lr * Math.sqrt(c2) / c1);
        float e = (float) (eps * Math.sqrt(c2));
        for (int k = 0; k < params.length; k++) {
          float g = grad[k];
          m[k] = b1 * m[k] + (1 - b1) * g;
          v[k] = b2 * v[k] + (1 - b2) * g * g;
          params[k] -= a * m[k] / ((float) Math.sqrt(v[k]) + e);
        }
      }
    }
  }
}
