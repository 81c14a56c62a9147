package nmc.ann.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ir.Span;
import org.junit.jupiter.api.Test;

/** Training end to end on small synthetic problems; determinism across thread counts. */
class NetTest {
  private static final Span S = Span.NONE;

  /** Three Gaussian blobs in 4 dimensions (centres 3 apart, unit spread): nearly separable. */
  static Dataset blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3);
      for (int j = 0; j < 4; j++) x[i * 4 + j] = (float) ((j == y[i] ? 3 : 0) + r.nextGaussian() * 0.8);
    }
    return new Dataset("blobs", Shape.flat(4), x, y, 3, null, 0);
  }

  static Training training(Training.Optimizer opt, Training.Loss loss, double lr, int epochs) {
    return new Training(Training.DEFAULT.dataset(), loss, opt, lr, new Training.Schedule.Cosine(), 32, epochs, Training.Init.HE_NORMAL, 7,
        1e-4, 0, 0);
  }

  static AnnModel mlp(Training t, Layer... extra) {
    List<Layer> ls = new java.util.ArrayList<>(List.of(new Layer.Dense(4, 16, S)));
    ls.addAll(List.of(extra));
    ls.addAll(List.of(new Layer.Act(Activation.RELU, 0, S), new Layer.Dense(16, 3, S), new Layer.Act(Activation.SOFTMAX, 0, S)));
    return new AnnModel("mlp", Shape.flat(4), ls, t, S);
  }

  static double trainAndTest(AnnModel m, int threads) {
    Net net = new Net(m, threads);
    net.initialize(m.training().init(), m.training().seed());
    List<Trainer.Epoch> h = Trainer.train(net, blobs(1500, 1), blobs(600, 2), new Trainer.Listener() {}).history();
    assertTrue(h.getLast().trainLoss() < h.getFirst().trainLoss(), "the loss went down: " + h);
    double acc = Evaluation.of(net, blobs(600, 2), 600).accuracy();
    net.close();
    return acc;
  }

  @Test
  void adamLearnsBlobs() {
    double acc = trainAndTest(mlp(training(new Training.Optimizer.Adam(0.9, 0.999, 1e-8), Training.Loss.CROSS_ENTROPY, 0.01, 15)), 2);
    assertTrue(acc >= 0.93, "accuracy " + acc); // the Bayes rate of these blobs is about 0.96
  }

  @Test
  void sgdWithMomentumAndMseLearnBlobs() {
    double acc = trainAndTest(mlp(training(new Training.Optimizer.Sgd(0.9, true), Training.Loss.MSE, 0.05, 20)), 1);
    assertTrue(acc >= 0.93, "accuracy " + acc);
  }

  @Test
  void regressionFitsALinearTarget() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 2000;
    float[] x = new float[n * 2], y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) r.nextGaussian();
      x[2 * i + 1] = (float) r.nextGaussian();
      y[i] = 2 * x[2 * i] - x[2 * i + 1] + 0.5f;
    }
    Dataset d = new Dataset("lin", Shape.flat(2), x, null, 0, y, 1);
    Training t = new Training(Training.DEFAULT.dataset(), Training.Loss.MSE, new Training.Optimizer.Adam(0.9, 0.999, 1e-8), 0.02,
        new Training.Schedule.Step(10, 0.3), 32, 30, Training.Init.GLOROT_UNIFORM, 1, 0, 0, 0);
    AnnModel m = new AnnModel("lin", Shape.flat(2), List.of(new Layer.Dense(2, 1, S)), t, S);
    Net net = new Net(m, 1);
    net.initialize(t.init(), t.seed());
    Trainer.train(net, d, d, new Trainer.Listener() {});
    Evaluation e = Evaluation.of(net, d, n);
    assertTrue(e.regression());
    assertTrue(e.mae() < 0.01, "MAE " + e.mae());
    float[] p = net.params();
    assertEquals(2, p[0], 0.01);
    assertEquals(-1, p[1], 0.01);
    assertEquals(0.5, p[2], 0.01);
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() {
    AnnModel m = mlp(training(new Training.Optimizer.Adam(0.9, 0.999, 1e-8), Training.Loss.CROSS_ENTROPY, 0.01, 2),
        new Layer.BatchNorm(1e-5, 0.1, S), new Layer.Dropout(0.2, S));
    float[][] params = new float[3][], buffers = new float[3][];
    int[] threads = {1, 2, 5};
    for (int i = 0; i < 3; i++) {
      Training t = new Training(m.training().dataset(), m.training().loss(), m.training().optimizer(), 0.01, m.training().schedule(),
          100, 2, m.training().init(), 7, 1e-4, 0, 0); // 100 per batch: four chunks, one of them short
      AnnModel mm = new AnnModel("mlp", m.input(), m.layers(), t, S);
      Net net = new Net(mm, threads[i]);
      net.initialize(t.init(), t.seed());
      Trainer.train(net, blobs(1000, 1), blobs(100, 2), new Trainer.Listener() {});
      params[i] = net.params().clone();
      buffers[i] = net.buffers().clone();
      net.close();
    }
    assertArrayEquals(params[0], params[1]);
    assertArrayEquals(params[0], params[2]);
    assertArrayEquals(buffers[0], buffers[2]);
  }

  @Test
  void theResultsEvaluationIsTheLastEpochsAndTheTrainedNets() {
    AnnModel m = mlp(training(new Training.Optimizer.Adam(0.9, 0.999, 1e-8), Training.Loss.CROSS_ENTROPY, 0.01, 2));
    Net net = new Net(m, 2);
    net.initialize(m.training().init(), m.training().seed());
    Dataset test = blobs(300, 2);
    Trainer.Result r = Trainer.train(net, blobs(600, 1), test, new Trainer.Listener() {});
    Evaluation again = Evaluation.of(net, test, test.size());
    assertEquals(again.accuracy(), r.test().accuracy());
    assertTrue(java.util.Arrays.deepEquals(again.confusion(), r.test().confusion()));
    assertEquals(again.accuracy(), r.history().getLast().testAccuracy());
    float[] out = net.predict(test, test.size());
    double loss = 0; // the softmax is the last layer's: the cross-entropy of its outputs
    for (int e = 0; e < test.size(); e++) loss += -Math.log(Math.max(out[e * 3 + test.labels()[e]], 1e-30f));
    assertEquals(loss / test.size(), r.history().getLast().testLoss());
    net.close();
  }

  @Test
  void shuffleIsAPermutationThatChangesPerEpoch() {
    int[] a = new int[1000], b = new int[1000];
    Trainer.shuffle(a, 5, 0);
    Trainer.shuffle(b, 5, 1);
    assertTrue(!java.util.Arrays.equals(a, b));
    int[] s = a.clone();
    java.util.Arrays.sort(s);
    for (int i = 0; i < s.length; i++) assertEquals(i, s[i]);
  }

  @Test
  void evaluationCountsPrecisionRecallAndF1() {
    // true:      0 0 0 1 1 2
    // predicted: 0 0 1 1 2 2
    Evaluation e = Evaluation.classification(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 2}, 3);
    assertEquals(4.0 / 6, e.accuracy(), 1e-12);
    assertArrayEquals(new int[] {2, 1, 0}, e.confusion()[0]);
    assertEquals(1.0, e.precision()[0], 1e-12);
    assertEquals(2.0 / 3, e.recall()[0], 1e-12);
    assertEquals(0.8, e.f1()[0], 1e-12);
    assertEquals(0.5, e.precision()[1], 1e-12);
    assertEquals(0.5, e.recall()[1], 1e-12);
    assertEquals(0.5, e.precision()[2], 1e-12);
    assertEquals(1.0, e.recall()[2], 1e-12);
    assertEquals(2.0 / 3, e.f1()[2], 1e-12);
    assertTrue(e.report(new String[] {"a", "b", "c"}).contains("accuracy 66.67%"));
  }
}
