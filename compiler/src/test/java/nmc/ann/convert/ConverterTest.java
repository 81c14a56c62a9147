package nmc.ann.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ann.train.Net;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.Span;
import org.junit.jupiter.api.Test;

/**
 * The plan of a converted network, read as a network of rate units (each neuron's rate is the ReLU of its
 * weighted input plus bias, the output layer's value its weighted input plus bias), must compute exactly what the
 * ANN computes, divided by the output layer's scale: this checks batch-norm folding, the max-pool network, average
 * pooling, the conv2d and dense layouts and the normalisation in one go.
 */
class ConverterTest {
  private static final Span S = Span.NONE;

  static Layer relu() {
    return new Layer.Act(Activation.RELU, 0, S);
  }

  static AnnModel cnn(Layer.PoolKind pool2) {
    return new AnnModel("c", Shape.hwc(7, 6, 2), List.of(new Layer.Conv2d(2, 3, 3, 3, 1, 1, S), new Layer.BatchNorm(1e-3, 0.1, S), relu(),
        new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 2, S), new Layer.Conv2d(3, 4, 2, 2, 1, 0, S), new Layer.Dropout(0.5, S), relu(),
        new Layer.Pool(pool2, 2, 1, 1, S), relu(), new Layer.Flatten(S), new Layer.Dense(8, 8, S), new Layer.BatchNorm(1e-5, 0.1, S),
        relu(), new Layer.Dense(8, 3, S), new Layer.Act(Activation.SOFTMAX, 0, S)), Training.DEFAULT, S);
  }

  static TrainedModel random(AnnModel m, long seed) {
    Net net = new Net(m, 1);
    net.initialize(Training.Init.HE_UNIFORM, seed);
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = net.params(), b = net.buffers();
    for (Net.TensorInfo t : net.tensors()) {
      float[] a = t.buffer() ? b : p;
      for (int k = 0; k < t.size(); k++) {
        if (t.name().endsWith("bias") || t.name().endsWith("beta") || t.name().endsWith("mean")) a[t.offset() + k] = (float) (r.nextDouble() - 0.4);
        if (t.name().endsWith("gamma") || t.name().endsWith("var")) a[t.offset() + k] = (float) (0.5 + r.nextDouble());
      }
    }
    return new TrainedModel(m, p.clone(), b.clone(), List.of(), 0, 0, "x");
  }

  static Dataset images(Shape s, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * s.size()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
    return new Dataset("img", s, x, new int[n], 3, null, 0);
  }

  /** Rates of every layer of the plan for one example, as rate units. */
  static List<double[]> rates(Plan plan, double[] x) {
    List<double[]> out = new ArrayList<>();
    double[] in = x.clone();
    for (int i = 0; i < in.length; i++) in[i] /= plan.inputScale();
    for (int l = 0; l < plan.layers().size(); l++) {
      Plan.SpikingLayer sl = plan.layers().get(l);
      double[] v = sl.bias().clone();
      for (Plan.Link ln : sl.links()) {
        double[] c = SnnBuilder.apply(ln, ln.source() == Plan.INPUT ? in : out.get(ln.source()), sl.size());
        for (int k = 0; k < v.length; k++) v[k] += c[k];
      }
      if (l < plan.layers().size() - 1) for (int k = 0; k < v.length; k++) v[k] = Math.max(0, v[k]);
      out.add(v);
    }
    return out;
  }

  @Test
  void planComputesTheAnnDividedByTheOutputScale() {
    qt().withFixedSeed(42L).withExamples(12).forAll(longs().between(0, 1000)).checkAssert(seed -> {
      for (Layer.PoolKind k : Layer.PoolKind.values()) {
        AnnModel m = cnn(k);
        TrainedModel tm = random(m, seed);
        Dataset d = images(m.input(), 40, seed);
        Plan plan = Converter.plan(tm, d, ConvertOptions.DEFAULT);
        // max pooling: two levels of pairwise maxima and the pool's own population; the 2x1 pool one level
        assertEquals(List.of("conv2d_1", "max_pool_1_max1", "max_pool_1_max2", "max_pool_1", "conv2d_2"),
            plan.layers().subList(0, 5).stream().map(Plan.SpikingLayer::name).toList());
        Net net = new Net(m, 1);
        System.arraycopy(tm.params(), 0, net.params(), 0, tm.params().length);
        System.arraycopy(tm.buffers(), 0, net.buffers(), 0, tm.buffers().length);
        // the logits: the ANN without its final softmax
        AnnModel noSoftmax = new AnnModel("c", m.input(), m.layers().subList(0, m.layers().size() - 1), m.training(), S);
        Net logits = new Net(noSoftmax, 1);
        System.arraycopy(tm.params(), 0, logits.params(), 0, tm.params().length);
        System.arraycopy(tm.buffers(), 0, logits.buffers(), 0, tm.buffers().length);
        float[] ann = logits.predict(d, d.size());
        double lambda = plan.output().scale();
        for (int e = 0; e < d.size(); e++) {
          double[] x = new double[d.features()];
          for (int i = 0; i < x.length; i++) x[i] = d.x()[e * x.length + i];
          double[] out = rates(plan, x).getLast();
          for (int j = 0; j < 3; j++) {
            assertEquals(ann[e * 3 + j], out[j] * lambda, 1e-4 * (1 + Math.abs(ann[e * 3 + j])), "example " + e + " output " + j + ", " + k);
          }
        }
      }
    });
  }

  @Test
  void maxNormalisationKeepsEveryRateOnTheTrainingDataAtMostOne() {
    AnnModel m = cnn(Layer.PoolKind.AVG);
    TrainedModel tm = random(m, 3);
    Dataset d = images(m.input(), 30, 3);
    ConvertOptions o = new ConvertOptions(32, ConvertOptions.Norm.MAX, 99.9, ConvertOptions.Input.CURRENT, ConvertOptions.Readout.SPIKES,
        0.5, 30, 1e-3, 1);
    Plan plan = Converter.plan(tm, d, o);
    double top = 0;
    for (int e = 0; e < d.size(); e++) {
      double[] x = new double[d.features()];
      for (int i = 0; i < x.length; i++) x[i] = d.x()[e * x.length + i];
      List<double[]> r = rates(plan, x);
      for (int l = 0; l < r.size() - 1; l++) for (double v : r.get(l)) top = Math.max(top, v);
    }
    assertTrue(top <= 1 + 1e-6, "largest rate " + top);
    assertTrue(top > 0.999, "the largest activation sits at the threshold: " + top);
    // the 99.9th percentile is below the maximum, so some rates exceed 1 (they saturate at one spike per step)
    Plan p999 = Converter.plan(tm, d, ConvertOptions.DEFAULT);
    assertTrue(p999.layers().getFirst().scale() < plan.layers().getFirst().scale());
  }

  @Test
  void refusesWhatHasNoSpikingCounterpart() {
    AnnModel sig = new AnnModel("s", Shape.flat(4), List.of(new Layer.Dense(4, 5, new Span("n.snn", 3, 3)),
        new Layer.Act(Activation.SIGMOID, 0, new Span("n.snn", 4, 3)), new Layer.Dense(5, 2, S)), Training.DEFAULT, S);
    UserError e = assertThrows(UserError.class, () -> Converter.plan(random(sig, 1), images(Shape.flat(4), 5, 1), ConvertOptions.DEFAULT));
    assertTrue(e.render().contains("sigmoid (layer 2, n.snn:4:3) follows dense (layer 1, n.snn:3:3)")
        && e.render().contains("conversion handles ReLU networks"), e.render());
    AnnModel bn = new AnnModel("b", Shape.flat(4), List.of(new Layer.BatchNorm(1e-5, 0.1, S), new Layer.Dense(4, 2, S)), Training.DEFAULT, S);
    e = assertThrows(UserError.class, () -> Converter.plan(random(bn, 1), images(Shape.flat(4), 5, 1), ConvertOptions.DEFAULT));
    assertTrue(e.render().contains("does not follow a dense or conv2d layer"), e.render());
    AnnModel tail = new AnnModel("t", Shape.flat(4), List.of(new Layer.Dense(4, 2, S), relu()), Training.DEFAULT, S);
    Plan p = Converter.plan(random(tail, 1), images(Shape.flat(4), 5, 1), ConvertOptions.DEFAULT); // a ReLU'd output is fine
    assertEquals("out", p.output().name());
  }

  @Test
  void builderMakesOneCopyPerExample() {
    AnnModel m = cnn(Layer.PoolKind.AVG);
    TrainedModel tm = random(m, 5);
    Dataset d = images(m.input(), 3, 5);
    Plan plan = Converter.plan(tm, d, ConvertOptions.DEFAULT);
    List<float[]> xs = List.of(java.util.Arrays.copyOf(d.x(), 84), java.util.Arrays.copyOfRange(d.x(), 84, 168));
    Network net = SnnBuilder.build(plan, xs, "b");
    assertEquals(2 * plan.layers().size(), net.populations().size());
    assertTrue(net.population("out_b1").isPresent() && net.population("conv2d_1_b0").isPresent());
    assertEquals(2, net.currents().size()); // the input current of each copy's first layer
    assertEquals(List.of("out_b0_spikes", "out_b0_v", "out_b1_spikes", "out_b1_v"), net.probes().stream().map(nmc.ir.Probe::name).toList());
    assertEquals(64, net.run().steps());
    ConvertOptions poisson = new ConvertOptions(16, ConvertOptions.Norm.MAX, 99.9, ConvertOptions.Input.POISSON, ConvertOptions.Readout.POTENTIAL,
        0.5, 10, 1e-3, 1);
    Network pn = SnnBuilder.build(Converter.plan(tm, d, poisson), xs.subList(0, 1), "p");
    assertTrue(pn.population("input").orElseThrow().kind() instanceof Population.Poisson);
    assertEquals(16, pn.run().steps());
    assertTrue(pn.currents().isEmpty());
  }
}
