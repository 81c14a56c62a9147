package nmc.ann.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ir.build.Rng;

/**
 * An {@link AnnModel} instantiated for training and inference: every parameter in one flat float array, the
 * batch-norm running statistics in another. A batch is cut into chunks of {@link #CHUNK} examples that run in
 * parallel, each with its own activations and gradient; the chunk gradients are then added in chunk order, so
 * a result does not depend on the number of threads (bit for bit).
 */
public final class Net {
  /** Examples per chunk (and the ghost-batch size of batch normalisation). */
  public static final int CHUNK = 32;

  public final AnnModel model;
  final List<Op> ops = new ArrayList<>();
  private final float[] params;
  private final float[] buffers;
  private final int statsSize;
  private final Training.Loss loss;
  /** The last layer is softmax and the loss cross-entropy: the gradient is p - y at the logits. */
  private final boolean fused;
  private final boolean[] needDx;
  private final int maxSize;
  private final ForkJoinPool pool;
  final List<Workspace> spaces = new ArrayList<>();

  public Net(AnnModel model, int threads) {
    this.model = model;
    Shape s = model.input();
    int li = 0;
    for (Layer l : model.layers()) {
      Op op = switch (l) {
        case Layer.Dense d -> new DenseOp(s, d.out());
        case Layer.Conv2d c -> new ConvOp(s, c);
        case Layer.Pool p -> new PoolOp(s, nmc.ann.ShapeCheck.apply(p, s).shape(), p);
        case Layer.Flatten f -> new IdentityOp(s, Shape.flat(s.size()));
        case Layer.Dropout d -> new DropoutOp(s, d.p(), li);
        case Layer.BatchNorm b -> new BatchNormOp(s, b.eps(), b.momentum());
        case Layer.Act a -> new ActOp(s, a.kind(), a.alpha());
      };
      ops.add(op);
      s = op.out;
      li++;
    }
    int p = 0, b = 0, st = 0, max = model.input().size();
    for (Op op : ops) {
      op.offset = p;
      p += op.paramCount();
      if (op instanceof BatchNormOp bn) {
        bn.bufferOffset = b;
        b += bn.bufferCount();
        st += 2 * bn.channels();
      }
      max = Math.max(max, op.out.size());
    }
    params = new float[p];
    buffers = new float[b];
    statsSize = st;
    maxSize = max;
    for (Op op : ops) if (op instanceof BatchNormOp bn) bn.buffers = buffers;
    loss = model.training().loss();
    fused = loss == Training.Loss.CROSS_ENTROPY && !ops.isEmpty() && ops.getLast() instanceof ActOp a && a.kind == Activation.SOFTMAX;
    needDx = new boolean[ops.size()];
    boolean params = false;
    for (int i = 0; i < ops.size(); i++) {
      needDx[i] = params;
      params |= ops.get(i).paramCount() > 0;
    }
    pool = threads <= 1 ? null : new ForkJoinPool(threads);
  }

  /** The parameters (shared, not copied): the model file's tensors one after the other. */
  public float[] params() {
    return params;
  }

  /** Batch-norm running statistics (shared). */
  public float[] buffers() {
    return buffers;
  }

  /** Named tensors of parameters then buffers, in file order: name, shape, offset, whether it is a buffer. */
  public record TensorInfo(String name, int[] shape, int offset, boolean buffer, boolean decay) {
    public int size() {
      int s = 1;
      for (int d : shape) s *= d;
      return s;
    }
  }

  public List<TensorInfo> tensors() {
    List<TensorInfo> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      int at = op.offset;
      for (Op.Tensor t : op.tensors()) {
        out.add(new TensorInfo(i + "." + t.name(), t.shape(), at, false, t.decay()));
        at += t.size();
      }
      if (op instanceof BatchNormOp bn) {
        at = bn.bufferOffset;
        for (Op.Tensor t : op.buffers()) {
          out.add(new TensorInfo(i + "." + t.name(), t.shape(), at, true, false));
          at += t.size();
        }
      }
    }
    return out;
  }

  /** Fresh weights: {@code init} for weights (fan-in/fan-out from the tensor's shape), 0 for biases, 1 for scales. */
  public void initialize(Training.Init init, long seed) {
    java.util.Arrays.fill(params, 0f);
    java.util.Arrays.fill(buffers, 0f);
    for (TensorInfo t : tensors()) {
      if (t.buffer()) {
        if (t.name().endsWith("running_var")) java.util.Arrays.fill(buffers, t.offset(), t.offset() + t.size(), 1f);
        continue;
      }
      if (t.name().endsWith("gamma")) {
        java.util.Arrays.fill(params, t.offset(), t.offset() + t.size(), 1f);
        continue;
      }
      if (!t.name().endsWith("weight")) continue;
      int[] sh = t.shape();
      int fanIn, fanOut;
      if (sh.length == 2) { // dense [in][out]
        fanIn = sh[0];
        fanOut = sh[1];
      } else { // conv [oc][c][kh][kw]
        int rf = sh[2] * sh[3];
        fanIn = sh[1] * rf;
        fanOut = sh[0] * rf;
      }
      boolean he = init == Training.Init.HE_UNIFORM || init == Training.Init.HE_NORMAL;
      boolean uniform = init == Training.Init.HE_UNIFORM || init == Training.Init.GLOROT_UNIFORM;
      double var = he ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
      long stream = Rng.stream("ann-init/" + t.name());
      for (int k = 0; k < t.size(); k++) {
        double v = uniform ? (2 * Rng.uniform(seed, stream, k) - 1) * Math.sqrt(3 * var) : Rng.normal(seed, stream, k) * Math.sqrt(var);
        params[t.offset() + k] = (float) v;
      }
    }
  }

  // ---- per-chunk work ----

  final class Workspace {
    final float[][] acts = new float[ops.size() + 1][];
    final Object[] states = new Object[ops.size()];
    final float[] d0 = new float[CHUNK * maxSize], d1 = new float[CHUNK * maxSize];
    final float[] grad = new float[params.length];
    final float[] stats = new float[statsSize];
    double lossSum;
    int correct;

    Workspace() {
      acts[0] = new float[CHUNK * model.input().size()];
      for (int i = 0; i < ops.size(); i++) {
        acts[i + 1] = new float[CHUNK * ops.get(i).out.size()];
        states[i] = ops.get(i).newState(CHUNK);
      }
    }
  }

  private synchronized Workspace space(int i) {
    while (spaces.size() <= i) spaces.add(new Workspace());
    return spaces.get(i);
  }

  private void forward(Op.Pass p, Workspace w, int n) {
    int st = 0;
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op instanceof BatchNormOp bn) {
        p.statsOffset = st;
        st += 2 * bn.channels();
      }
      op.forward(p, params, w.acts[i], w.acts[i + 1], n, w.states[i]);
    }
  }

  private void load(Dataset ds, int[] idx, int from, int n, Workspace w) {
    int f = ds.features();
    for (int e = 0; e < n; e++) System.arraycopy(ds.x(), idx[from + e] * f, w.acts[0], e * f, f);
  }

  /**
   * Loss of the chunk (summed over its examples) into w.lossSum, correct predictions into w.correct, and the
   * gradient of (total loss / batch) with respect to the net's output (or the logits when fused) into w.d0.
   */
  private void lossGrad(Dataset ds, int[] idx, int from, int n, int batch, Workspace w) {
    float[] out = w.acts[ops.size()];
    int k = outputSize();
    double sum = 0;
    int correct = 0;
    float inv = 1f / batch;
    for (int e = 0; e < n; e++) {
      int o = e * k, ex = idx[from + e];
      sum += exampleLoss(out, o, k, ds, ex);
      if (ds.regression()) {
        for (int j = 0; j < k; j++) w.d0[o + j] = 2 * (out[o + j] - ds.targets()[ex * k + j]) * inv / k;
        continue;
      }
      int label = ds.labels()[ex];
      if (argmax(out, o, k) == label) correct++;
      if (loss == Training.Loss.MSE) {
        for (int j = 0; j < k; j++) w.d0[o + j] = 2 * (out[o + j] - (j == label ? 1f : 0f)) * inv / k;
      } else if (fused) {
        for (int j = 0; j < k; j++) w.d0[o + j] = (out[o + j] - (j == label ? 1f : 0f)) * inv;
      } else { // cross-entropy of the softmax of raw outputs
        float max = max(out, o, k);
        double z = expSum(out, o, k, max);
        for (int j = 0; j < k; j++) {
          float p = (float) (Math.exp(out[o + j] - max) / z);
          w.d0[o + j] = (p - (j == label ? 1f : 0f)) * inv;
        }
      }
    }
    w.lossSum = sum;
    w.correct = correct;
  }

  /**
   * The loss of example {@code ex} of {@code ds} whose {@code k} outputs start at {@code out[o]}: the mean squared error
   * (regression, or MSE against the one-hot label), or the cross-entropy of the softmax (taken by the last layer when
   * fused, else of the raw outputs).
   */
  private double exampleLoss(float[] out, int o, int k, Dataset ds, int ex) {
    double sum = 0;
    if (ds.regression()) {
      for (int j = 0; j < k; j++) {
        float diff = out[o + j] - ds.targets()[ex * k + j];
        sum += (double) diff * diff / k;
      }
      return sum;
    }
    int label = ds.labels()[ex];
    if (loss == Training.Loss.MSE) {
      for (int j = 0; j < k; j++) {
        float diff = out[o + j] - (j == label ? 1f : 0f);
        sum += (double) diff * diff / k;
      }
      return sum;
    }
    if (fused) return -Math.log(Math.max(out[o + label], 1e-30f));
    float max = max(out, o, k);
    return Math.log(expSum(out, o, k, max)) - (out[o + label] - max);
  }

  private static float max(float[] v, int o, int k) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) max = Math.max(max, v[o + j]);
    return max;
  }

  private static double expSum(float[] v, int o, int k, float max) {
    double z = 0;
    for (int j = 0; j < k; j++) z += Math.exp(v[o + j] - max);
    return z;
  }

  static int argmax(float[] v, int o, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) if (v[o + j] > v[o + best]) best = j;
    return best;
  }

  private void backward(Op.Pass p, Workspace w, int n) {
    float[] dy = w.d0, dx = w.d1;
    int last = ops.size() - 1;
    if (fused) last--; // the gradient in d0 is already at the logits
    for (int i = last; i >= 0; i--) {
      Op op = ops.get(i);
      op.backward(p, params, w.acts[i], w.acts[i + 1], dy, needDx[i] ? dx : null, w.grad, n, w.states[i]);
      if (!needDx[i]) break;
      float[] t = dy;
      dy = dx;
      dx = t;
    }
  }

  /** Loss summed over a batch and its correct predictions. */
  public record BatchResult(double lossSum, int correct) {}

  /**
   * One forward and backward pass over examples {@code idx[from .. from+batch)} of {@code ds}; the gradient of
   * the mean loss goes into {@code grad} (overwritten) and the chunks' batch statistics update the running
   * averages. {@code counter} numbers the batch's first example within the whole training run (dropout draws).
   */
  public BatchResult gradient(Dataset ds, int[] idx, int from, int batch, long counter, long seed, float[] grad) {
    for (Op op : ops) op.prepare(params);
    int chunks = (batch + CHUNK - 1) / CHUNK;
    for (int c = 0; c < chunks; c++) space(c);
    run(chunks, c -> {
      Workspace w = spaces.get(c);
      int start = from + c * CHUNK, n = Math.min(CHUNK, from + batch - start);
      java.util.Arrays.fill(w.grad, 0f);
      Op.Pass p = new Op.Pass(true, seed, counter + (long) c * CHUNK);
      p.batchStats = w.stats;
      load(ds, idx, start, n, w);
      forward(p, w, n);
      lossGrad(ds, idx, start, n, batch, w);
      backward(p, w, n);
    });
    System.arraycopy(spaces.get(0).grad, 0, grad, 0, grad.length);
    double loss = spaces.get(0).lossSum;
    int correct = spaces.get(0).correct;
    for (int c = 1; c < chunks; c++) {
      float[] g = spaces.get(c).grad;
      for (int k = 0; k < grad.length; k++) grad[k] += g[k];
      loss += spaces.get(c).lossSum;
      correct += spaces.get(c).correct;
    }
    updateRunningStats(chunks);
    return new BatchResult(loss, correct);
  }

  private void updateRunningStats(int chunks) {
    int st = 0;
    for (Op op : ops) {
      if (!(op instanceof BatchNormOp bn)) continue;
      int ch = bn.channels();
      float m = (float) bn.momentum;
      for (int c = 0; c < chunks; c++) {
        float[] s = spaces.get(c).stats;
        for (int j = 0; j < ch; j++) {
          buffers[bn.bufferOffset + j] = (1 - m) * buffers[bn.bufferOffset + j] + m * s[st + j];
          buffers[bn.bufferOffset + ch + j] = (1 - m) * buffers[bn.bufferOffset + ch + j] + m * s[st + ch + j];
        }
      }
      st += 2 * ch;
    }
  }

  private void run(int chunks, java.util.function.IntConsumer body) {
    if (pool == null || chunks == 1) {
      for (int c = 0; c < chunks; c++) body.accept(c);
    } else {
      pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(body)).join();
    }
  }

  /** Receives the output of every layer for a chunk of examples during {@link #inspect}. */
  @FunctionalInterface
  public interface LayerVisitor {
    /** Called once per chunk, from several threads at once: {@code outputs[i]} is layer i's output, n examples. */
    void visit(int first, int n, float[][] outputs);
  }

  /** Inference over the first {@code count} examples of {@code ds}; calls {@code v} with every layer's outputs. */
  public void inspect(Dataset ds, int count, LayerVisitor v) {
    int[] idx = IntStream.range(0, count).toArray();
    int chunks = (count + CHUNK - 1) / CHUNK;
    int par = pool == null ? 1 : pool.getParallelism();
    for (int c = 0; c < par; c++) space(c);
    // the workspaces are handed out round-robin: chunk c uses workspace c % par, one chunk per workspace at a time
    run(par, t -> {
      Workspace w = spaces.get(t);
      float[][] outs = java.util.Arrays.copyOfRange(w.acts, 1, w.acts.length);
      for (int c = t; c < chunks; c += par) {
        int start = c * CHUNK, n = Math.min(CHUNK, count - start);
        load(ds, idx, start, n, w);
        forward(new Op.Pass(false, 0, 0), w, n);
        v.visit(start, n, outs);
      }
    });
  }

  /** The net's outputs for the first {@code count} examples ({@code count x outputs}). */
  public float[] predict(Dataset ds, int count) {
    int k = outputSize();
    float[] out = new float[count * k];
    inspect(ds, count, (first, n, outs) -> System.arraycopy(outs[outs.length - 1], 0, out, first * k, n * k));
    return out;
  }

  /** Outputs of one example given as raw features (CHW). */
  public float[] predictOne(float[] features) {
    Dataset one = new Dataset("one", model.input(), features.clone(), new int[1], 1, null, 0);
    return predict(one, 1);
  }

  public int outputSize() {
    return ops.isEmpty() ? model.input().size() : ops.getLast().out.size();
  }

  /** Mean loss of the first {@code count} examples of {@code ds} given the net's outputs for them ({@link #predict}). */
  public double meanLoss(float[] outputs, Dataset ds, int count) {
    int k = outputSize();
    double sum = 0;
    for (int e = 0; e < count; e++) sum += exampleLoss(outputs, e * k, k, ds, e);
    return sum / count;
  }

  public void close() {
    if (pool != null) pool.shutdown();
  }
}
