package nmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.DatasetSpec;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.Training;
import nmc.diag.Diagnostic;
import nmc.diag.UserError;
import nmc.dsl.lower.NetworkLowering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ann blocks: layers, shapes, the train block, and how they sit beside networks. */
class AnnLanguageTest {
  @TempDir
  Path tmp;

  static AnnModel only(String text) {
    List<AnnModel> anns = Frontend.parseProgram("t.snn", text).anns();
    assertEquals(1, anns.size());
    return anns.getFirst();
  }

  static List<String> errors(String text) {
    UserError e = assertThrows(UserError.class, () -> Frontend.parseProgram("t.snn", text));
    return e.diagnostics().stream().map(Diagnostic::message).toList();
  }

  @Test
  void everyLayerAndActivationLowersWithItsShape() {
    AnnModel m = only("""
        ann all {
          input 12 x 10 x 3
          conv2d(3 -> 4, kernel = 3 x 5, stride = 2, padding = 1)
          batch_norm(eps = 1e-3, momentum = 0.2)
          leaky_relu(0.05)
          max_pool(2)
          conv2d(6, kernel = 1)
          elu(alpha = 0.5)
          avg_pool(2 x 1, stride = 1)
          flatten
          dropout(0.25)
          dense(12)
          sigmoid; tanh; relu; swish; threshold
          dense(12 -> 3)
          softmax
        }
        """);
    assertEquals(Shape.hwc(12, 10, 3), m.input());
    assertEquals(new Layer.Conv2d(3, 4, 3, 5, 2, 1, m.layers().get(0).span()), m.layers().get(0));
    assertEquals(new Layer.BatchNorm(1e-3, 0.2, m.layers().get(1).span()), m.layers().get(1));
    assertEquals(0.05, ((Layer.Act) m.layers().get(2)).alpha());
    assertEquals(new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 2, m.layers().get(3).span()), m.layers().get(3));
    assertEquals(4, ((Layer.Conv2d) m.layers().get(4)).inChannels()); // the input channels follow from the layer before
    assertEquals(new Layer.Pool(Layer.PoolKind.AVG, 2, 1, 1, m.layers().get(6).span()), m.layers().get(6));
    assertEquals(24, ((Layer.Dense) m.layers().get(9)).in()); // 2 x 2 x 6 after the pool
    List<Activation> acts = m.layers().stream().filter(l -> l instanceof Layer.Act).map(l -> ((Layer.Act) l).kind()).toList();
    assertEquals(List.of(Activation.LEAKY_RELU, Activation.ELU, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.SWISH,
        Activation.THRESHOLD, Activation.SOFTMAX), acts);
    List<Shape> s = m.shapes();
    assertEquals(Shape.hwc(6, 4, 4), s.get(0)); // (12 + 2 - 3) / 2 + 1 = 6, (10 + 2 - 5) / 2 + 1 = 4
    assertEquals(Shape.hwc(3, 2, 4), s.get(3));
    assertEquals(Shape.hwc(2, 2, 6), s.get(6));
    assertEquals(Shape.flat(3), m.output());
    assertEquals("t.snn:3:3", m.layers().get(0).span().toString());
    assertEquals(Training.DEFAULT, m.training()); // no train block: the defaults
  }

  @Test
  void trainBlockSettings() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("models"));
    Path f = dir.resolve("m.snn");
    Files.writeString(f, """
        ann m {
          input 4
          dense(4 -> 3)
          train {
            dataset = csv(train = "data/train.csv", test = "../test.csv", label = 4)
            loss = mse
            optimizer = sgd(momentum = 0.9, nesterov = true)
            learning_rate = 5e-2
            schedule = exponential(0.9)
            batch_size = 16
            epochs = 3
            init = glorot_normal
            seed = 12
            weight_decay = 1e-4
            train_limit = 100
            test_limit = 50
          }
        }
        """);
    AnnModel m = Frontend.loadProgram(f).anns().getFirst();
    Training t = m.training();
    // paths are relative to the file that names them
    assertEquals(new DatasetSpec.Csv(dir.resolve("data/train.csv").toAbsolutePath().normalize(), tmp.resolve("test.csv").toAbsolutePath().normalize(),
        4, 0), t.dataset());
    assertEquals(Training.Loss.MSE, t.loss());
    assertEquals(new Training.Optimizer.Sgd(0.9, true), t.optimizer());
    assertEquals(0.05, t.learningRate());
    assertEquals(new Training.Schedule.Exponential(0.9), t.schedule());
    assertEquals(List.of(16, 3, 12, 100, 50), List.of(t.batchSize(), t.epochs(), (int) t.seed(), t.trainLimit(), t.testLimit()));
    assertEquals(Training.Init.GLOROT_NORMAL, t.init());
    assertEquals(1e-4, t.weightDecay());
    AnnModel a = only("ann a { input 4\n dense(4 -> 2)\n train { optimizer = adam(beta2 = 0.99); schedule = step(every = 2, factor = 0.5) } }");
    assertEquals(new Training.Optimizer.Adam(0.9, 0.99, 1e-8), a.training().optimizer());
    assertEquals(new Training.Schedule.Step(2, 0.5), a.training().schedule());
    assertEquals(new DatasetSpec.FashionMnist(DatasetSpec.FashionMnist.DEFAULT_DIR), a.training().dataset());
  }

  @Test
  void mistakesAreReportedTogether() {
    List<String> e = errors("""
        ann a {
          dense(4 -> 2)
          input 4
        }
        ann a { input 2; dense(2 -> 1); train { epochs = 3; epochs = 4; speed = 2 } }
        ann b { input 3 x 3; conv2d(1 -> 2); dense(2) }
        ann c { input 4; dense(4 -> 2, 7); train { dataset = idx("a", "b") } }
        """);
    assertTrue(e.contains("the input shape must come before the layers"), e.toString());
    assertTrue(e.contains("duplicate definition of ann a"), e.toString());
    assertTrue(e.contains("conv2d needs 'kernel'"), e.toString());
    assertTrue(e.contains("dense takes at most 1 plain argument"), e.toString());
    assertTrue(e.contains("idx needs 'test_images'"), e.toString());
  }

  @Test
  void cannotTellTheInputsWithoutAShape() {
    assertTrue(errors("ann a { dense(5) }").contains("ann a has no input shape"));
  }

  @Test
  void annBlocksSitBesideNetworksAndItsWordsStayNames() {
    NetworkLowering.Lowered l = Frontend.parseProgram("t.snn", """
        population train = 3 x LIF()
        population ann = 2 x LIF()
        projection p: train -> ann.I_syn { connect all_to_all; synapse Exp; weight 1 pA }
        ann x { input 2; dense(2 -> 2) }
        """);
    assertEquals(2, l.network().populations().size());
    assertEquals("x", l.anns().getFirst().name());
    // Frontend.parse keeps returning the network alone
    assertEquals(List.of("train"), Frontend.parse("t.snn", "population train = 2 x LIF()\nann x { input 2; dense(2 -> 1) }").populations()
        .stream().map(nmc.ir.Population::name).toList());
  }

  @Test
  void regressionCsvRefusesCrossEntropy() {
    assertTrue(errors("ann r { input 3; dense(3 -> 1); train { dataset = csv(train = \"a\", test = \"b\", targets = 1) } }")
        .contains("cross-entropy needs classes, but the dataset has regression targets"));
  }
}
