package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import nmc.ann.AnnModel;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.data.Dataset;
import nmc.ann.data.Datasets;
import nmc.ann.io.ModelFile;
import nmc.ann.train.Net;
import nmc.ann.train.Trainer;
import nmc.dsl.Frontend;

/** Shared steps of the ANN sample tests: the sample's model, Fashion-MNIST (required, never skipped), short training. */
final class AnnSamples {
  private AnnSamples() {}

  static AnnModel model(String file) {
    List<AnnModel> anns = Frontend.loadProgram(Samples.path(file)).anns();
    assertTrue(anns.size() == 1, file + " declares one ann");
    return anns.getFirst();
  }

  /** Fashion-MNIST: these tests fail with the loader's message (how to install it) when it is missing. */
  static Datasets.Split fashion(AnnModel m) {
    Datasets.Split s = Datasets.load(m.training().dataset());
    return new Datasets.Split(s.train().reshaped(m.input()), s.test().reshaped(m.input()));
  }

  /** The sample's model trained for {@code epochs} on the first {@code examples} training images. */
  static TrainedModel train(AnnModel m, Dataset train, Dataset test, int epochs) {
    Training t = m.training();
    Training shortT = new Training(t.dataset(), t.loss(), t.optimizer(), t.learningRate(), t.schedule(), t.batchSize(), epochs, t.init(),
        t.seed(), t.weightDecay(), 0, 0);
    AnnModel sm = new AnnModel(m.name(), m.input(), m.layers(), shortT, m.span());
    Net net = new Net(sm, Runtime.getRuntime().availableProcessors());
    try {
      net.initialize(t.init(), t.seed());
      List<Trainer.Epoch> h = Trainer.train(net, train, test, new Trainer.Listener() {}).history();
      return new TrainedModel(sm, net.params().clone(), net.buffers().clone(), h, h.getLast().testAccuracy(), Double.NaN,
          ModelFile.fingerprint(sm));
    } finally {
      net.close();
    }
  }

  /** The sample's comments give the commands that train, convert and compare it. */
  static void assertDocumentsItsCommands(String file) throws Exception {
    String text = Files.readString(Samples.path(file));
    for (String cmd : List.of("nmc train samples/" + file, "nmc convert ", "nmc evaluate samples/" + file)) {
      assertTrue(text.contains("//   ./" + cmd), file + " lacks the command line " + cmd);
    }
  }
}
