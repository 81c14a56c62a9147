package nmc.ann;

import java.util.List;

/**
 * How a model is trained. Every field has a default (see {@link #DEFAULT}); {@code trainLimit}/{@code testLimit}
 * (0 = all) take the first examples of each split, for quick runs and tests.
 */
public record Training(
    DatasetSpec dataset,
    Loss loss,
    Optimizer optimizer,
    double learningRate,
    Schedule schedule,
    int batchSize,
    int epochs,
    Init init,
    long seed,
    double weightDecay,
    int trainLimit,
    int testLimit) {

  public static final Training DEFAULT = new Training(new DatasetSpec.FashionMnist(DatasetSpec.FashionMnist.DEFAULT_DIR),
      Loss.CROSS_ENTROPY, new Optimizer.Adam(0.9, 0.999, 1e-8), 1e-3, new Schedule.Constant(), 64, 10, Init.HE_UNIFORM,
      1, 0, 0, 0);

  public enum Loss {
    /** Mean over the batch and the outputs of (y - t)^2; classes become one-hot targets. */
    MSE("mse"),
    /** Mean over the batch of -log softmax(y)[label]; on a final softmax layer the two are fused. */
    CROSS_ENTROPY("cross_entropy");
    public final String word;

    Loss(String w) {
      word = w;
    }

    /** The loss written {@code w}, or null. */
    public static Loss byWord(String w) {
      for (Loss l : values()) if (l.word.equals(w)) return l;
      return null;
    }

    public static List<String> words() {
      return java.util.Arrays.stream(values()).map(l -> l.word).toList();
    }
  }

  public sealed interface Optimizer {
    /** Plain SGD when momentum is 0. */
    record Sgd(double momentum, boolean nesterov) implements Optimizer {}

    record Adam(double beta1, double beta2, double eps) implements Optimizer {}
  }

  /** The learning rate of each epoch (0-based). */
  public sealed interface Schedule {
    double factor(int epoch, int epochs);

    record Constant() implements Schedule {
      public double factor(int epoch, int epochs) {
        return 1;
      }
    }

    /** Multiplied by {@code factor} every {@code every} epochs. */
    record Step(int every, double factor) implements Schedule {
      public double factor(int epoch, int epochs) {
        return Math.pow(factor, epoch / every);
      }
    }

    /** Multiplied by {@code gamma} each epoch. */
    record Exponential(double gamma) implements Schedule {
      public double factor(int epoch, int epochs) {
        return Math.pow(gamma, epoch);
      }
    }

    /** Cosine from 1 at the first epoch down towards 0 after the last. */
    record Cosine() implements Schedule {
      public double factor(int epoch, int epochs) {
        return 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
      }
    }
  }

  /** Weight initialisation; biases start at 0, batch-norm scales at 1. */
  public enum Init {
    HE_UNIFORM("he_uniform"), HE_NORMAL("he_normal"), GLOROT_UNIFORM("glorot_uniform"), GLOROT_NORMAL("glorot_normal");
    public final String word;

    Init(String w) {
      word = w;
    }

    /** The initialisation written {@code w}, or null. */
    public static Init byWord(String w) {
      for (Init i : values()) if (i.word.equals(w)) return i;
      return null;
    }

    public static List<String> words() {
      return java.util.Arrays.stream(values()).map(i -> i.word).toList();
    }
  }
}
