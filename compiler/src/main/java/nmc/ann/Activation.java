package nmc.ann;

/** Element-wise (and, for softmax, per-example) activation functions. */
public enum Activation {
  /** Perceptron step: 1 when x >= 0, else 0. Trained with a straight-through surrogate gradient (see docs/ann.md). */
  THRESHOLD("threshold"),
  SIGMOID("sigmoid"),
  TANH("tanh"),
  RELU("relu"),
  /** x for x > 0, alpha x otherwise. */
  LEAKY_RELU("leaky_relu"),
  /** x for x > 0, alpha (e^x - 1) otherwise. */
  ELU("elu"),
  /** Over the whole vector of one example. */
  SOFTMAX("softmax"),
  /** x sigmoid(x). */
  SWISH("swish");

  public final String word;

  Activation(String word) {
    this.word = word;
  }

  public boolean hasAlpha() {
    return this == LEAKY_RELU || this == ELU;
  }

  public double defaultAlpha() {
    return this == LEAKY_RELU ? 0.01 : this == ELU ? 1.0 : 0;
  }

  public static Activation byWord(String w) {
    for (Activation a : values()) if (a.word.equals(w)) return a;
    return null;
  }
}
