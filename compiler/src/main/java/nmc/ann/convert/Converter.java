package nmc.ann.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.TrainedModel;
import nmc.ann.data.Dataset;
import nmc.ann.train.Net;
import nmc.diag.UserError;
import nmc.ir.Connectivity;
import nmc.ir.Ints;
import nmc.ir.Span;

/**
 * ANN-to-SNN conversion (rate code, after Diehl et al. 2015 and Rueckauer et al. 2017): every dense or
 * convolution layer with its ReLU becomes a population of integrate-and-fire neurons with reset by subtraction;
 * batch normalisation is folded into the layer before it, dropout and flatten vanish, the bias becomes a constant
 * input, average pooling becomes a population with weights 1/(window size), and max pooling becomes an exact
 * network of ReLU units, max(a, b) = b + relu(a - b), applied pairwise over the window. Weights and biases are
 * normalised per layer by the scale λ of its activations on training data: W' = W λ(source) / λ(layer),
 * b' = b / λ(layer), so every neuron fires below one spike per step.
 */
public final class Converter {
  private Converter() {}

  /** Plans the spiking network of {@code m}, measuring activation scales on the first examples of {@code train}. */
  public static Plan plan(TrainedModel m, Dataset train, ConvertOptions o) {
    Builder b = new Builder(m, o);
    b.walk();
    Scales scales = Scales.measure(m, train, o, b.points(), b.centredPoint);
    return b.finish(scales);
  }

  /** Where a layer was written, for messages. */
  static String at(Layer l, int i) {
    return l.word() + " (layer " + (i + 1) + (l.span().isNone() ? "" : ", " + l.span()) + ")";
  }

  /** A spiking layer before scaling: raw weights, and the ANN layer whose output its activity stands for. */
  private record Draft(String name, Shape shape, double[] bias, List<Plan.Link> links, int point, boolean weighted, String what) {}

  private static final class Builder {
    final TrainedModel m;
    final AnnModel model;
    final ConvertOptions o;
    final List<Layer> layers;
    final List<Net.TensorInfo> tensors;
    final List<Draft> drafts = new ArrayList<>();
    final Map<String, Integer> counts = new HashMap<>();
    /** The ANN layer whose output the (dense) output layer gives minus its mean over classes; -1: none. */
    int centredPoint = -1;

    Builder(TrainedModel m, ConvertOptions o) {
      this.m = m;
      this.model = m.model();
      this.o = o;
      this.layers = model.layers();
      this.tensors = new Net(model, 1).tensors();
    }

    UserError refuse(String what, String hint) {
      return UserError.of("cannot convert " + model.name() + " to a spiking network: " + what, hint);
    }

    float[] tensor(int layer, String name) {
      for (Net.TensorInfo t : tensors) {
        if (t.name().equals(layer + "." + name)) {
          float[] src = t.buffer() ? m.buffers() : m.params();
          return java.util.Arrays.copyOfRange(src, t.offset(), t.offset() + t.size());
        }
      }
      throw new IllegalStateException("no tensor " + layer + "." + name);
    }

    String name(String word) {
      int n = counts.merge(word, 1, Integer::sum);
      return word + "_" + n;
    }

    void walk() {
      int src = Plan.INPUT;
      Shape shape = model.input();
      int i = 0, n = layers.size();
      boolean output = false;
      while (i < n) {
        Layer l = layers.get(i);
        boolean fromInput = src == Plan.INPUT;
        if (output) {
          if (l instanceof Layer.Dropout || (l instanceof Layer.Act a && a.kind() == Activation.SOFTMAX)) {
            i++;
            continue;
          }
          throw refuse(at(l, i) + " follows the output layer", "the last dense or conv2d layer is read out; only softmax may follow it");
        }
        switch (l) {
          case Layer.Flatten f -> {
            shape = Shape.flat(shape.size());
            i++;
          }
          case Layer.Dropout d -> i++;
          case Layer.Act a when a.kind() == Activation.RELU && !fromInput -> i++; // spike rates are never negative already
          case Layer.Act a -> throw refuse(at(l, i) + " cannot be converted", a.kind() == Activation.RELU
              ? "a ReLU on the raw input has no spiking counterpart; remove it"
              : "conversion handles ReLU networks: use relu after dense and conv2d layers (softmax only at the end)");
          case Layer.BatchNorm bn -> throw refuse(at(l, i) + " does not follow a dense or conv2d layer",
              "batch_norm is folded into the dense or conv2d layer right before it");
          case Layer.Pool p -> {
            Shape out = nmc.ann.ShapeCheck.apply(p, shape).shape();
            if (src == Plan.INPUT) throw refuse(at(l, i) + " pools the raw input", "pool after a convolution");
            if (p.kind() == Layer.PoolKind.AVG) avgPool(p, src, shape, out, i);
            else maxPool(p, src, shape, out, i);
            src = drafts.size() - 1;
            shape = out;
            i++;
          }
          case Layer.Dense d -> {
            i = weighted(i, src, shape);
            src = drafts.size() - 1;
            shape = drafts.getLast().shape();
            output = drafts.getLast().name().equals("out");
          }
          case Layer.Conv2d c -> {
            i = weighted(i, src, shape);
            src = drafts.size() - 1;
            shape = drafts.getLast().shape();
            output = drafts.getLast().name().equals("out");
          }
        }
      }
      if (!output) throw refuse("it does not end with a dense or conv2d layer", "the output layer's spikes or potentials are read out");
    }

    /** A dense or conv2d layer with the batch norm, dropout and ReLU after it; returns the next layer's index. */
    int weighted(int i, int src, Shape in) {
      Layer l = layers.get(i);
      double[] w = toDouble(tensor(i, "weight")), b;
      float[] bias = tensor(i, "bias");
      Shape out = nmc.ann.ShapeCheck.apply(l, in).shape();
      int outC = l instanceof Layer.Dense d ? d.out() : ((Layer.Conv2d) l).outChannels();
      int per = out.size() / outC; // neurons per output channel (1 for dense)
      double[] chBias = toDouble(bias);
      int j = i + 1, point = i;
      while (j < layers.size() && layers.get(j) instanceof Layer.Dropout) j++;
      if (j < layers.size() && layers.get(j) instanceof Layer.BatchNorm bn) {
        float[] g = tensor(j, "gamma"), beta = tensor(j, "beta"), mean = tensor(j, "running_mean"), var = tensor(j, "running_var");
        int inPerOut = w.length / outC;
        for (int c = 0; c < outC; c++) {
          double s = g[c] / Math.sqrt(var[c] + bn.eps());
          if (l instanceof Layer.Dense) {
            for (int k = 0; k < inPerOut; k++) w[k * outC + c] *= s; // [in][out]
          } else {
            for (int k = 0; k < inPerOut; k++) w[c * inPerOut + k] *= s; // [oc][c][ky][kx]
          }
          chBias[c] = (chBias[c] - mean[c]) * s + beta[c];
        }
        point = j;
        j++;
        while (j < layers.size() && layers.get(j) instanceof Layer.Dropout) j++;
      }
      boolean relu = j < layers.size() && layers.get(j) instanceof Layer.Act a && a.kind() == Activation.RELU;
      if (relu) {
        point = j;
        j++;
      }
      boolean last = true; // nothing but dropout and softmax follows: this is the output layer
      for (int k = j; k < layers.size(); k++) {
        Layer r = layers.get(k);
        if (!(r instanceof Layer.Dropout || (r instanceof Layer.Act a && a.kind() == Activation.SOFTMAX))) last = false;
      }
      if (!relu && !last) {
        Layer next = layers.get(j);
        throw refuse(at(next, j) + " follows " + at(l, i), next instanceof Layer.Act
            ? "conversion handles ReLU networks: use relu after dense and conv2d layers (softmax only at the end)"
            : "put relu after every dense and conv2d layer but the last");
      }
      if (last && !relu && l instanceof Layer.Dense && o.reset() == ConvertOptions.Reset.ZERO && outC > 1) {
        // Centre the logits (subtract their mean over classes: softmax and argmax do not change). The winner's drive
        // is then never negative, so it spikes and the class is read from spikes: with reset to zero the potentials
        // of the others run far below zero, where a chip clamps them (Loihi: four thresholds or so), so a class read
        // from potentials would differ between chip and reference.
        int fanIn = w.length / outC;
        for (int k = 0; k < fanIn; k++) {
          double mean = 0;
          for (int c = 0; c < outC; c++) mean += w[k * outC + c];
          mean /= outC;
          for (int c = 0; c < outC; c++) w[k * outC + c] -= mean;
        }
        double mean = 0;
        for (int c = 0; c < outC; c++) mean += chBias[c];
        mean /= outC;
        for (int c = 0; c < outC; c++) chBias[c] -= mean;
        centredPoint = point;
      }
      b = new double[out.size()];
      for (int c = 0; c < outC; c++) java.util.Arrays.fill(b, c * per, (c + 1) * per, chBias[c]);
      Connectivity conn = switch (l) {
        case Layer.Dense d -> new Connectivity.AllToAll(true);
        case Layer.Conv2d c -> new Connectivity.Conv2d(in.height(), in.width(), in.channels(), c.outChannels(), c.kernelHeight(),
            c.kernelWidth(), c.stride(), c.padding());
        default -> throw new IllegalStateException();
      };
      String name = last ? "out" : name(l.word());
      drafts.add(new Draft(name, out, b, List.of(new Plan.Link(src, conn, w)), point, true, at(l, i)));
      return j;
    }

    void avgPool(Layer.Pool p, int src, Shape in, Shape out, int i) {
      List<int[]> pairs = new ArrayList<>();
      forEachWindow(p, in, out, (o, elems) -> {
        for (int e : elems) pairs.add(new int[] {e, o});
      });
      int[] pre = new int[pairs.size()], post = new int[pairs.size()];
      double[] w = new double[pairs.size()];
      double inv = 1.0 / (p.kernelHeight() * p.kernelWidth());
      for (int k = 0; k < pre.length; k++) {
        pre[k] = pairs.get(k)[0];
        post[k] = pairs.get(k)[1];
        w[k] = inv;
      }
      drafts.add(new Draft(name("avg_pool"), out, new double[out.size()],
          List.of(new Plan.Link(src, new Connectivity.Explicit(new Ints(pre), new Ints(post)), w)), -2 - src, false, at(p, i)));
    }

    /** A term of a linear combination of spiking neurons. */
    record Term(int layer, int index, double coef) {}

    /** Max pooling as pairwise max(u, v) = v + relu(u - v), each relu one IF neuron; the last population sums. */
    void maxPool(Layer.Pool p, int src, Shape in, Shape out, int i) {
      int windows = out.size();
      List<List<List<Term>>> items = new ArrayList<>(); // per window: the candidates, each a sum of terms
      forEachWindow(p, in, out, (o, elems) -> {
        List<List<Term>> c = new ArrayList<>();
        for (int e : elems) c.add(List.of(new Term(src, e, 1)));
        items.add(c);
      });
      String base = name("max_pool");
      int level = 0;
      while (items.getFirst().size() > 1) {
        int count = items.getFirst().size(), pairs = count / 2;
        int layer = drafts.size();
        LinkSet links = new LinkSet();
        for (int wi = 0; wi < windows; wi++) {
          List<List<Term>> c = items.get(wi), next = new ArrayList<>();
          for (int q = 0; q < pairs; q++) {
            int neuron = wi * pairs + q;
            List<Term> u = c.get(2 * q), v = c.get(2 * q + 1);
            for (Term t : u) links.add(t.layer(), t.index(), neuron, t.coef());
            for (Term t : v) links.add(t.layer(), t.index(), neuron, -t.coef());
            List<Term> r = new ArrayList<>(v);
            r.add(new Term(layer, neuron, 1));
            next.add(r);
          }
          if (count % 2 == 1) next.add(c.getLast());
          items.set(wi, next);
        }
        level++;
        drafts.add(new Draft(base + "_max" + level, Shape.flat(windows * pairs), new double[windows * pairs], links.build(), -2 - src,
            false, at(p, i) + ", pairwise maxima, level " + level));
      }
      LinkSet links = new LinkSet();
      for (int wi = 0; wi < windows; wi++) {
        for (Term t : items.get(wi).getFirst()) links.add(t.layer(), t.index(), wi, t.coef());
      }
      drafts.add(new Draft(base, out, new double[windows], links.build(), -2 - src, false, at(p, i)));
    }

    interface WindowVisitor {
      void visit(int out, int[] elems);
    }

    static void forEachWindow(Layer.Pool p, Shape in, Shape out, WindowVisitor v) {
      int kh = p.kernelHeight(), kw = p.kernelWidth(), st = p.stride();
      for (int c = 0; c < out.channels(); c++) {
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++) {
            int[] e = new int[kh * kw];
            for (int ky = 0; ky < kh; ky++) {
              for (int kx = 0; kx < kw; kx++) e[ky * kw + kx] = (c * in.height() + oy * st + ky) * in.width() + ox * st + kx;
            }
            v.visit((c * out.height() + oy) * out.width() + ox, e);
          }
        }
      }
    }

    /** The ANN layers whose activation scales are needed. */
    List<Integer> points() {
      return drafts.stream().filter(Draft::weighted).map(Draft::point).distinct().toList();
    }

    Plan finish(Scales s) {
      List<Plan.SpikingLayer> out = new ArrayList<>();
      double[] scale = new double[drafts.size()];
      for (int k = 0; k < drafts.size(); k++) {
        Draft d = drafts.get(k);
        // pools keep their source's scale (a mean or a maximum of rates below 1 stays below 1), times the headroom
        // asked for; -2 - src codes the source
        scale[k] = d.weighted() ? s.of(d.point())
            : (src(d.point()) == Plan.INPUT ? s.input() : scale[src(d.point())]) * o.poolHeadroom();
        List<Plan.Link> links = new ArrayList<>();
        for (Plan.Link ln : d.links()) {
          double from = ln.source() == Plan.INPUT ? s.input() : scale[ln.source()];
          double f = from / scale[k]; // 1 between layers of one pool
          double[] w = ln.weights().clone();
          for (int q = 0; q < w.length; q++) w[q] *= f;
          links.add(new Plan.Link(ln.source(), ln.connectivity(), w));
        }
        double[] b = d.bias().clone();
        for (int q = 0; q < b.length; q++) b[q] /= scale[k];
        out.add(new Plan.SpikingLayer(d.name(), d.shape(), b, links, scale[k], d.what()));
      }
      return new Plan(model.name(), model.input(), out, o, s.input());
    }

    static int src(int code) {
      return -2 - code;
    }
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  /** Explicit connections grouped by source layer, in the order added. */
  private static final class LinkSet {
    private final Map<Integer, List<double[]>> bySource = new java.util.LinkedHashMap<>();

    void add(int source, int pre, int post, double w) {
      bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(new double[] {pre, post, w});
    }

    List<Plan.Link> build() {
      List<Plan.Link> out = new ArrayList<>();
      bySource.forEach((src, l) -> {
        int[] pre = new int[l.size()], post = new int[l.size()];
        double[] w = new double[l.size()];
        for (int k = 0; k < l.size(); k++) {
          pre[k] = (int) l.get(k)[0];
          post[k] = (int) l.get(k)[1];
          w[k] = l.get(k)[2];
        }
        out.add(new Plan.Link(src, new Connectivity.Explicit(new Ints(pre), new Ints(post)), w));
      });
      return out;
    }
  }
}
