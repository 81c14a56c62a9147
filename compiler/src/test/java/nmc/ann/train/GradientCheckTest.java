package nmc.ann.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ir.Span;
import org.junit.jupiter.api.Test;

/**
 * Back-propagated gradients against central finite differences, for every layer, activation and loss. Each case
 * puts the layer under test between two layers with parameters, so both its parameter gradient and its input
 * gradient are exercised. Parameters whose ±h perturbation moves a kink (a ReLU sign, a max-pool choice) are not
 * compared: there the derivative does not exist. The threshold activation's surrogate is checked on its own.
 */
class GradientCheckTest {
  private static final Span S = Span.NONE;

  record Case(String name, Shape input, List<Layer> layers, Training.Loss loss) {}

  static Layer act(Activation a) {
    return new Layer.Act(a, a == Activation.LEAKY_RELU ? 0.1 : a == Activation.ELU ? 0.7 : 0, S);
  }

  static List<Case> cases() {
    List<Case> cs = new ArrayList<>();
    for (Activation a : Activation.values()) {
      if (a == Activation.THRESHOLD) continue;
      cs.add(new Case("dense+" + a.word, Shape.flat(5), List.of(new Layer.Dense(5, 6, S), act(a), new Layer.Dense(6, 3, S)),
          Training.Loss.CROSS_ENTROPY));
    }
    cs.add(new Case("mse", Shape.flat(4), List.of(new Layer.Dense(4, 5, S), act(Activation.TANH), new Layer.Dense(5, 3, S)),
        Training.Loss.MSE));
    cs.add(new Case("softmax+ce fused", Shape.flat(4), List.of(new Layer.Dense(4, 5, S), act(Activation.SIGMOID), new Layer.Dense(5, 3, S),
        act(Activation.SOFTMAX)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("softmax+mse", Shape.flat(4), List.of(new Layer.Dense(4, 3, S), act(Activation.SOFTMAX)), Training.Loss.MSE));
    cs.add(new Case("conv pad 1", Shape.hwc(5, 5, 2), List.of(new Layer.Conv2d(2, 3, 3, 3, 1, 1, S), act(Activation.TANH),
        new Layer.Conv2d(3, 2, 2, 3, 1, 0, S), new Layer.Flatten(S), new Layer.Dense(24, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("conv stride 2", Shape.hwc(6, 5, 1), List.of(new Layer.Conv2d(1, 2, 3, 2, 2, 1, S), act(Activation.SWISH),
        new Layer.Flatten(S), new Layer.Dense(18, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("max pool", Shape.hwc(4, 4, 2), List.of(new Layer.Conv2d(2, 2, 3, 3, 1, 1, S), new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 2, S),
        new Layer.Flatten(S), new Layer.Dense(8, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("avg pool overlapping", Shape.hwc(5, 5, 1), List.of(new Layer.Conv2d(1, 2, 3, 3, 1, 1, S),
        new Layer.Pool(Layer.PoolKind.AVG, 3, 2, 1, S), new Layer.Dense(24, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("batch norm dense", Shape.flat(4), List.of(new Layer.Dense(4, 5, S), new Layer.BatchNorm(1e-5, 0.1, S), act(Activation.ELU),
        new Layer.Dense(5, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("batch norm conv", Shape.hwc(4, 4, 1), List.of(new Layer.Conv2d(1, 2, 3, 3, 1, 1, S), new Layer.BatchNorm(1e-5, 0.1, S),
        act(Activation.SIGMOID), new Layer.Flatten(S), new Layer.Dense(32, 3, S)), Training.Loss.CROSS_ENTROPY));
    cs.add(new Case("dropout", Shape.flat(5), List.of(new Layer.Dense(5, 6, S), new Layer.Dropout(0.3, S), act(Activation.TANH),
        new Layer.Dense(6, 3, S)), Training.Loss.CROSS_ENTROPY));
    return cs;
  }

  static Training training(Training.Loss loss) {
    return new Training(Training.DEFAULT.dataset(), loss, Training.DEFAULT.optimizer(), 1e-3, Training.DEFAULT.schedule(), 8, 1,
        Training.Init.GLOROT_UNIFORM, 1, 0, 0, 0);
  }

  static Dataset data(Shape s, int n, int classes, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] x = new float[n * s.size()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
    return new Dataset("random", s, x, labels, classes, null, 0);
  }

  @Test
  void everyLayerMatchesFiniteDifferences() {
    List<Case> cs = cases();
    qt().withFixedSeed(42L).withExamples(60)
        .forAll(integers().between(0, cs.size() - 1), longs().between(0, 1L << 40), integers().between(1, 40))
        .checkAssert((ci, seed, n) -> check(cs.get(ci), seed, n));
  }

  static void check(Case c, long seed, int n) {
    AnnModel m = new AnnModel(c.name(), c.input(), c.layers(), training(c.loss()), S);
    Net net = new Net(m, 1);
    net.initialize(Training.Init.GLOROT_UNIFORM, seed);
    Dataset ds = data(c.input(), n, 3, seed);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    float[] p = net.params();
    float[] grad = new float[p.length];
    net.gradient(ds, idx, 0, n, 0, seed, grad);
    String base = signature(net, n);
    float h = 1e-2f;
    int compared = 0;
    for (int k = 0; k < p.length; k++) {
      float keep = p[k];
      p[k] = keep + h;
      double up = net.gradient(ds, idx, 0, n, 0, seed, new float[p.length]).lossSum();
      String sigUp = signature(net, n);
      p[k] = keep - h;
      double down = net.gradient(ds, idx, 0, n, 0, seed, new float[p.length]).lossSum();
      String sigDown = signature(net, n);
      p[k] = keep;
      if (!sigUp.equals(base) || !sigDown.equals(base)) continue; // a kink lies within ±h
      double fd = (up - down) / (2 * h) / n; // the gradient is of the mean loss
      double a = grad[k];
      double tol = 2e-3 + 3e-2 * Math.max(Math.abs(a), Math.abs(fd));
      assertEquals(fd, a, tol, c.name() + ": parameter " + k + " of " + p.length + " (seed " + seed + ", batch " + n + ")");
      compared++;
    }
    assertTrue(compared >= p.length / 2, c.name() + ": only " + compared + " of " + p.length + " parameters away from kinks");
  }

  /** Which side of every kink the last forward pass was on: ReLU-like signs and max-pool choices. */
  static String signature(Net net, int n) {
    StringBuilder sb = new StringBuilder();
    int chunks = (n + Net.CHUNK - 1) / Net.CHUNK;
    for (int c = 0; c < chunks; c++) {
      Net.Workspace w = net.spaces.get(c);
      int len = Math.min(Net.CHUNK, n - c * Net.CHUNK);
      for (int i = 0; i < net.ops.size(); i++) {
        Op op = net.ops.get(i);
        if (op instanceof ActOp a && (a.kind == Activation.RELU || a.kind == Activation.LEAKY_RELU || a.kind == Activation.ELU)) {
          float[] x = w.acts[i];
          for (int k = 0; k < len * op.in.size(); k++) sb.append(x[k] > 0 ? '+' : '-');
        } else if (op instanceof PoolOp && w.states[i] instanceof int[] arg) {
          sb.append(Arrays.toString(Arrays.copyOf(arg, len * op.out.size())));
        }
      }
    }
    return sb.toString();
  }

  @Test
  void thresholdPassesTheStraightThroughSurrogate() {
    ActOp op = new ActOp(Shape.flat(6), Activation.THRESHOLD, 0);
    float[] x = {-2f, -1f, -0.3f, 0f, 0.5f, 1.5f}, y = new float[6], dy = {1, 2, 3, 4, 5, 6}, dx = new float[6];
    op.forward(new Op.Pass(true, 0, 0), null, x, y, 1, null);
    assertEquals("[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]", Arrays.toString(y));
    op.backward(new Op.Pass(true, 0, 0), null, x, y, dy, dx, null, 1, null);
    assertEquals("[0.0, 2.0, 3.0, 4.0, 5.0, 0.0]", Arrays.toString(dx));
  }
}
