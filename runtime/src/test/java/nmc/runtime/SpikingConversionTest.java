package nmc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.convert.ConvertOptions;
import nmc.ann.convert.Converter;
import nmc.ann.convert.Plan;
import nmc.ann.convert.SnnBuilder;
import nmc.ann.data.Dataset;
import nmc.ann.train.Net;
import nmc.ir.Network;
import nmc.ir.Span;
import nmc.sim.SimResult;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.Test;

/**
 * Converted networks in spikes on the reference target: the output potential after T steps, divided by T and
 * scaled back by the output layer's scale, approaches the ANN's logits (the rate code's error shrinks like 1/T),
 * with max pooling (the network of pairwise maxima), average pooling, batch norm folded, current or Poisson input.
 */
class SpikingConversionTest {
  private static final Span S = Span.NONE;

  static AnnModel model(Layer.PoolKind pool) {
    return new AnnModel("s", Shape.hwc(8, 8, 1), List.of(new Layer.Conv2d(1, 3, 3, 3, 1, 1, S), new Layer.BatchNorm(1e-5, 0.1, S),
        new Layer.Act(Activation.RELU, 0, S), new Layer.Pool(pool, 2, 2, 2, S), new Layer.Flatten(S), new Layer.Dense(48, 8, S),
        new Layer.Act(Activation.RELU, 0, S), new Layer.Dense(8, 3, S)), Training.DEFAULT, S);
  }

  static TrainedModel trained(AnnModel m, long seed) {
    Net net = new Net(m, 1);
    net.initialize(Training.Init.HE_UNIFORM, seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (Net.TensorInfo t : net.tensors()) {
      float[] a = t.buffer() ? net.buffers() : net.params();
      for (int k = 0; k < t.size(); k++) {
        if (t.name().endsWith("bias") || t.name().endsWith("beta")) a[t.offset() + k] = (float) (0.1 * r.nextDouble());
        if (t.name().endsWith("gamma") || t.name().endsWith("var")) a[t.offset() + k] = (float) (0.7 + 0.6 * r.nextDouble());
        if (t.name().endsWith("mean")) a[t.offset() + k] = (float) (0.2 * r.nextDouble() - 0.1);
      }
    }
    return new TrainedModel(m, net.params().clone(), net.buffers().clone(), List.of(), 0, 0, "x");
  }

  static Dataset images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 64];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
    return new Dataset("img", Shape.hwc(8, 8, 1), x, new int[n], 3, null, 0);
  }

  /** Largest |SNN estimate - ANN logit| over the outputs, relative to the largest |logit|, for one image and T. */
  static double error(TrainedModel tm, Dataset d, int image, int steps, ConvertOptions.Input input) {
    ConvertOptions o = new ConvertOptions(steps, ConvertOptions.Norm.MAX, 99.9, input, ConvertOptions.Readout.POTENTIAL, 0.5,
        d.size(), 1e-3, 11);
    Plan plan = Converter.plan(tm, d, o);
    float[] x = java.util.Arrays.copyOfRange(d.x(), image * 64, (image + 1) * 64);
    Network net = SnnBuilder.build(plan, List.of(x), "s");
    SimResult r = new ReferenceTarget().run(net, null);
    double[] v = new double[3];
    for (SimResult.TraceData t : r.traces()) {
      for (int i = 0; i < t.indices().length; i++) v[t.indices()[i]] = t.values()[i][t.values()[i].length - 1];
    }
    AnnModel m = tm.model();
    Net ann = new Net(m, 1);
    System.arraycopy(tm.params(), 0, ann.params(), 0, tm.params().length);
    System.arraycopy(tm.buffers(), 0, ann.buffers(), 0, tm.buffers().length);
    float[] logits = ann.predictOne(x);
    double worst = 0, scale = 0;
    for (int j = 0; j < 3; j++) {
      worst = Math.max(worst, Math.abs(v[j] / steps * plan.output().scale() - logits[j]));
      scale = Math.max(scale, Math.abs(logits[j]));
    }
    return worst / scale;
  }

  @Test
  void outputPotentialApproachesTheLogits() {
    for (Layer.PoolKind pool : Layer.PoolKind.values()) {
      TrainedModel tm = trained(model(pool), 5);
      Dataset d = images(50, 6);
      for (int image : new int[] {0, 7, 19}) {
        double e100 = error(tm, d, image, 100, ConvertOptions.Input.CURRENT);
        double e800 = error(tm, d, image, 800, ConvertOptions.Input.CURRENT);
        assertTrue(e800 < 0.03, pool + " image " + image + ": error " + e800 + " after 800 steps");
        assertTrue(e800 < e100, pool + " image " + image + ": the error shrinks with T: " + e100 + " then " + e800);
      }
      // Poisson input adds sampling noise of order 1/sqrt(T)
      assertTrue(error(tm, d, 3, 2000, ConvertOptions.Input.POISSON) < 0.08, pool + " with Poisson input");
    }
  }

  @Test
  void maxPoolSpikesAtTheRateOfItsLargestInput() {
    TrainedModel tm = trained(model(Layer.PoolKind.MAX), 8);
    Dataset d = images(20, 9);
    ConvertOptions o = new ConvertOptions(1000, ConvertOptions.Norm.MAX, 99.9, ConvertOptions.Input.CURRENT, ConvertOptions.Readout.SPIKES,
        0.5, 20, 1e-3, 1);
    Plan plan = Converter.plan(tm, d, o);
    Network net = SnnBuilder.build(plan, List.of(java.util.Arrays.copyOf(d.x(), 64)), "m");
    // probe the convolution and its pool
    List<nmc.ir.Probe> probes = List.of(new nmc.ir.Probe("c", nmc.ir.Probe.Kind.SPIKES, "conv2d_1", null, nmc.ir.Ints.EMPTY, 0, S),
        new nmc.ir.Probe("p", nmc.ir.Probe.Kind.SPIKES, "max_pool_1", null, nmc.ir.Ints.EMPTY, 0, S));
    net = new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(), net.projections(), net.currents(), probes,
        net.run());
    SimResult r = new ReferenceTarget().run(net, null);
    int[] conv = new int[192], pool = new int[48];
    for (SimResult.SpikeData s : r.spikes()) for (int n : s.neuron()) (s.probe().equals("c") ? conv : pool)[n]++;
    int checked = 0;
    for (int c = 0; c < 3; c++) {
      for (int oy = 0; oy < 4; oy++) {
        for (int ox = 0; ox < 4; ox++) {
          int max = 0;
          for (int ky = 0; ky < 2; ky++) for (int kx = 0; kx < 2; kx++) max = Math.max(max, conv[(c * 8 + 2 * oy + ky) * 8 + 2 * ox + kx]);
          int got = pool[(c * 4 + oy) * 4 + ox];
          // a few spikes of latency (three layers) and rounding in each layer
          assertEquals(max, got, 6, "window " + c + "," + oy + "," + ox);
          if (max > 50) checked++;
        }
      }
    }
    assertTrue(checked >= 10, "windows with activity: " + checked);
  }
}
