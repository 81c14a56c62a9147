package nmc.ann.train;

import java.util.List;
import nmc.ann.Shape;

/**
 * One layer of the training engine. Activations of a chunk of {@code n} examples are {@code n x size} row-major
 * arrays; parameters live in one flat array owned by {@link Net} ({@link #offset} is this layer's start), and
 * gradients in an array of the same layout. {@code state} is the layer's per-chunk scratch ({@link #newState}).
 */
abstract class Op {
  final Shape in, out;
  /** Start of this layer's parameters in the flat array. */
  int offset;

  Op(Shape in, Shape out) {
    this.in = in;
    this.out = out;
  }

  /** The layer's parameter tensors, in order, laid out one after the other from {@link #offset}. */
  List<Tensor> tensors() {
    return List.of();
  }

  /** Non-trained buffers saved with the model (batch-norm running statistics). */
  List<Tensor> buffers() {
    return List.of();
  }

  /** Per-chunk scratch for chunks of up to {@code maxN} examples. */
  Object newState(int maxN) {
    return null;
  }

  /** Work done once per optimiser step, before the chunks run (transposed weights). */
  void prepare(float[] params) {}

  abstract void forward(Pass p, float[] params, float[] x, float[] y, int n, Object state);

  /**
   * Adds this layer's parameter gradients to {@code grad} and, when {@code dx} is not null, writes the gradient
   * with respect to the input into it. {@code x}, {@code y} are the forward pass's input and output.
   */
  abstract void backward(Pass p, float[] params, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int n, Object state);

  int paramCount() {
    return tensors().stream().mapToInt(Tensor::size).sum();
  }

  int bufferCount() {
    return buffers().stream().mapToInt(Tensor::size).sum();
  }

  /** A named block of parameters: {@code shape} for the model file, {@code decay} whether weight decay applies. */
  record Tensor(String name, int[] shape, boolean decay) {
    int size() {
      int s = 1;
      for (int d : shape) s *= d;
      return s;
    }
  }

  /** What one forward/backward pass over a chunk needs to know. */
  static final class Pass {
    final boolean training;
    final long seed;
    /** A counter unique to this chunk's first example in the whole run (dropout draws). */
    final long exampleCounter;
    /** Where this chunk's batch-norm running statistics go (null outside training). */
    float[] batchStats;
    /** Offset of this layer's block in batchStats (set by Net). */
    int statsOffset;

    Pass(boolean training, long seed, long exampleCounter) {
      this.training = training;
      this.seed = seed;
      this.exampleCounter = exampleCounter;
    }
  }
}
