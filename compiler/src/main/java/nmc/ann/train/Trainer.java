package nmc.ann.train;

import java.util.ArrayList;
import java.util.List;
import nmc.ann.AnnModel;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ir.build.Rng;

/**
 * Mini-batch training: each epoch shuffles the training set (seeded), runs the batches through {@link Net#gradient}
 * and the optimiser at the epoch's learning rate, then measures the test set.
 */
public final class Trainer {
  private Trainer() {}

  /** One epoch's figures. */
  public record Epoch(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testLoss,
      double testAccuracy, double seconds, double imagesPerSecond) {}

  /** The epochs' figures and the evaluation of the trained net on the test set (the last epoch's). */
  public record Result(List<Epoch> history, Evaluation test) {}

  /** Told after every batch and after every epoch. */
  public interface Listener {
    default void epochStart(int epoch, int epochs, int batches) {}

    default void batch(int epoch, int batchesDone, double meanLoss, double accuracy) {}

    default void epochEnd(Epoch e) {}
  }

  /**
   * Trains {@code net} (already initialised) on {@code train}; measures {@code test} after each epoch (predicting it
   * once for both the loss and the evaluation).
   */
  public static Result train(Net net, Dataset train, Dataset test, Listener listener) {
    AnnModel model = net.model;
    Training t = model.training();
    Optimizer opt = new Optimizer(t.optimizer(), t.weightDecay(), net);
    int n = train.size(), bs = Math.min(t.batchSize(), n);
    int batches = n / bs; // the incomplete last batch is dropped, as is usual
    float[] grad = new float[net.params().length];
    List<Epoch> history = new ArrayList<>();
    int[] perm = new int[n];
    long counter = 0;
    Evaluation last = null;
    for (int epoch = 0; epoch < t.epochs(); epoch++) {
      long start = System.nanoTime();
      shuffle(perm, t.seed(), epoch);
      double lr = t.learningRate() * t.schedule().factor(epoch, t.epochs());
      listener.epochStart(epoch, t.epochs(), batches);
      double lossSum = 0;
      long correct = 0;
      for (int b = 0; b < batches; b++) {
        Net.BatchResult r = net.gradient(train, perm, b * bs, bs, counter, t.seed(), grad);
        counter += bs;
        opt.step(net.params(), grad, lr);
        lossSum += r.lossSum();
        correct += r.correct();
        int seen = (b + 1) * bs;
        listener.batch(epoch, b + 1, lossSum / seen, train.regression() ? Double.NaN : (double) correct / seen);
      }
      double secs = (System.nanoTime() - start) * 1e-9;
      int seen = batches * bs;
      float[] out = net.predict(test, test.size());
      double testLoss = net.meanLoss(out, test, test.size());
      last = Evaluation.of(out, net.outputSize(), test, test.size());
      double testAcc = test.regression() ? Double.NaN : last.accuracy();
      Epoch e = new Epoch(epoch + 1, lr, lossSum / seen, train.regression() ? Double.NaN : (double) correct / seen, testLoss,
          testAcc, secs, seen / secs);
      history.add(e);
      listener.epochEnd(e);
    }
    return new Result(history, last != null ? last : Evaluation.of(net, test, test.size()));
  }

  /** The permutation of epoch {@code epoch}: Fisher-Yates with counter-based draws. */
  static void shuffle(int[] perm, long seed, int epoch) {
    for (int i = 0; i < perm.length; i++) perm[i] = i;
    long stream = Rng.stream("ann-shuffle/" + epoch);
    for (int i = perm.length - 1; i > 0; i--) {
      int j = Rng.below(seed, stream, i, i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
  }
}
