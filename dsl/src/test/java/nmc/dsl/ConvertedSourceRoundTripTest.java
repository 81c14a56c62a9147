package nmc.dsl;

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
import nmc.ann.convert.SnnPrinter;
import nmc.ann.data.Dataset;
import nmc.ann.train.Net;
import nmc.ir.Network;
import nmc.ir.json.IrJson;
import nmc.ir.Span;
import org.junit.jupiter.api.Test;

/**
 * A converted network printed as .snn source reads back, through the front end and the standard library, as the
 * same network: every population, parameter list, projection (all_to_all, conv2d, explicit), weight, current,
 * probe and run setting, and the IFSubtract and Delta models themselves.
 */
class ConvertedSourceRoundTripTest {
  private static final Span S = Span.NONE;

  static TrainedModel model() {
    AnnModel m = new AnnModel("rt", Shape.hwc(6, 6, 1), List.of(new Layer.Conv2d(1, 2, 3, 3, 1, 1, S), new Layer.Act(Activation.RELU, 0, S),
        new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 2, S), new Layer.Conv2d(2, 3, 2, 2, 1, 0, S), new Layer.Act(Activation.RELU, 0, S),
        new Layer.Pool(Layer.PoolKind.AVG, 2, 2, 1, S), new Layer.Flatten(S), new Layer.Dense(3, 4, S), new Layer.Act(Activation.RELU, 0, S),
        new Layer.Dense(4, 3, S)), Training.DEFAULT, S);
    Net net = new Net(m, 1);
    net.initialize(Training.Init.HE_UNIFORM, 9);
    float[] p = net.params();
    for (Net.TensorInfo t : net.tensors()) {
      if (t.name().endsWith("bias")) for (int k = 0; k < t.size(); k++) p[t.offset() + k] = 0.1f * (k % 3) - 0.05f;
    }
    return new TrainedModel(m, p, net.buffers(), List.of(), 0, 0, "x");
  }

  static Dataset images(int n) {
    SplittableRandom r = new SplittableRandom(4);
    float[] x = new float[n * 36];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
    return new Dataset("i", Shape.hwc(6, 6, 1), x, new int[n], 3, null, 0);
  }

  /** The IR as JSON without source positions (the printed file has its own). */
  static String ir(Network n) {
    return IrJson.print(n).replaceAll("(?m)^\\s*\"span\": \"[^\"]*\",?\\n", "").replaceAll(",(\\s*[}\\]])", "$1");
  }

  @Test
  void printedSourceReadsBackAsTheSameNetwork() {
    TrainedModel tm = model();
    Dataset d = images(20);
    for (ConvertOptions o : List.of(ConvertOptions.DEFAULT.withTimesteps(32),
        new ConvertOptions(16, ConvertOptions.Norm.MAX, 99.9, ConvertOptions.Input.POISSON, ConvertOptions.Readout.POTENTIAL, 0.25, 20, 1e-3, 5))) {
      Plan plan = Converter.plan(tm, d, o);
      Network net = SnnBuilder.build(plan, List.of(java.util.Arrays.copyOf(d.x(), 36)), "rt_snn");
      String text = SnnPrinter.print(net, List.of("converted for a test"));
      Network back = Frontend.parse("rt_snn.snn", text);
      assertEquals(ir(net), ir(back), text);
      assertTrue(text.contains("connect conv2d(in = 3 x 3 x 2, out_channels = 3, kernel = 2 x 2, stride = 1, padding = 0)"), text);
      boolean poisson = o.input() == ConvertOptions.Input.POISSON;
      // the first layer is fed by a current, or by Poisson sources through its convolution
      assertEquals(poisson, text.contains("connect conv2d(in = 6 x 6 x 1, out_channels = 2, kernel = 3 x 3, stride = 1, padding = 1)"), text);
      assertEquals(poisson, text.contains("population input = 36 x poisson(rate = ["), text);
      assertEquals(!poisson, text.contains("current in_conv2d_1: conv2d_1.I_syn = step(["), text);
      assertTrue(text.contains("connect explicit(pre = ["), text);
    }
  }
}
