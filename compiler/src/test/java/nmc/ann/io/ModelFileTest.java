package nmc.ann.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import nmc.ann.Activation;
import nmc.ann.AnnModel;
import nmc.ann.DatasetSpec;
import nmc.ann.Layer;
import nmc.ann.Shape;
import nmc.ann.TrainedModel;
import nmc.ann.Training;
import nmc.ann.train.Net;
import nmc.ann.train.Trainer;
import nmc.diag.UserError;
import nmc.ir.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file reads back bit for bit, and refuses what it cannot read with a message. */
class ModelFileTest {
  private static final Span S = Span.NONE;

  @TempDir
  Path tmp;

  static AnnModel model(Training t) {
    return new AnnModel("m", Shape.hwc(6, 6, 2), List.of(new Layer.Conv2d(2, 3, 3, 3, 1, 1, S), new Layer.BatchNorm(1e-5, 0.1, S),
        new Layer.Act(Activation.LEAKY_RELU, 0.02, S), new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 2, S), new Layer.Flatten(S),
        new Layer.Dropout(0.25, S), new Layer.Dense(27, 4, S), new Layer.Act(Activation.SOFTMAX, 0, S)), t, S);
  }

  static final Training T = new Training(new DatasetSpec.Csv(Path.of("/data/a.csv"), Path.of("/data/b.csv"), 3, 0), Training.Loss.MSE,
      new Training.Optimizer.Sgd(0.9, true), 0.05, new Training.Schedule.Step(3, 0.5), 16, 7, Training.Init.GLOROT_NORMAL, 99, 1e-4,
      500, 100);

  /** Random values with the awkward ones mixed in: -0, NaN payloads, infinities, subnormals, extremes. */
  static float[] awkward(int n, SplittableRandom r) {
    float[] special = {-0f, Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_NORMAL / 3, Float.MAX_VALUE, 1e-38f};
    float[] f = new float[n];
    for (int i = 0; i < n; i++) f[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : Float.intBitsToFloat(r.nextInt());
    return f;
  }

  @Test
  void writesAndReadsBackBitForBit() {
    AnnModel m = model(T);
    Net layout = new Net(m, 1);
    qt().withFixedSeed(42L).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      float[] p = awkward(layout.params().length, r), b = awkward(layout.buffers().length, r);
      TrainedModel tm = new TrainedModel(m, p, b, List.of(new Trainer.Epoch(1, 0.05, 0.7, 0.6, 0.8, 0.55, 1.5, 1000)), 0.55, Double.NaN,
          ModelFile.fingerprint(m));
      Path f = tmp.resolve("m" + seed + ".model.json");
      ModelFile.write(tm, f);
      TrainedModel back = ModelFile.read(f);
      assertEquals(m, back.model());
      assertEquals(tm.history(), back.history());
      assertEquals(tm.fingerprint(), back.fingerprint());
      assertEquals(0.55, back.testAccuracy());
      assertTrue(Double.isNaN(back.testMae()));
      for (int i = 0; i < p.length; i++) assertEquals(Float.floatToRawIntBits(p[i]), Float.floatToRawIntBits(back.params()[i]), "param " + i);
      for (int i = 0; i < b.length; i++) assertEquals(Float.floatToRawIntBits(b[i]), Float.floatToRawIntBits(back.buffers()[i]), "buffer " + i);
    });
  }

  @Test
  void fingerprintFollowsArchitectureAndTrainingNotPositions() {
    AnnModel m = model(T);
    AnnModel moved = new AnnModel("m", m.input(), m.layers().stream().map(l -> l instanceof Layer.Flatten ? new Layer.Flatten(new Span("x.snn", 3, 4)) : l).toList(),
        T, new Span("x.snn", 1, 1));
    assertEquals(ModelFile.fingerprint(m), ModelFile.fingerprint(moved));
    Training moreEpochs = new Training(T.dataset(), T.loss(), T.optimizer(), T.learningRate(), T.schedule(), T.batchSize(), 8, T.init(),
        T.seed(), T.weightDecay(), T.trainLimit(), T.testLimit());
    assertNotEquals(ModelFile.fingerprint(m), ModelFile.fingerprint(model(moreEpochs)));
  }

  @Test
  void refusesOtherVersionsAndDamagedFiles() throws Exception {
    AnnModel m = model(T);
    Net layout = new Net(m, 1);
    TrainedModel tm = new TrainedModel(m, new float[layout.params().length], new float[layout.buffers().length], List.of(), 0.5, 0,
        ModelFile.fingerprint(m));
    Path f = tmp.resolve("a.model.json");
    ModelFile.write(tm, f);
    String text = Files.readString(f);

    Files.writeString(f, text.replace("\"version\": 1", "\"version\": 2"));
    UserError e = assertThrows(UserError.class, () -> ModelFile.read(f));
    assertTrue(e.render().contains("model file version 2 is not supported (this nmc reads version 1)"), e.render());

    Files.writeString(f, text.replace("\"out\": 4", "\"out\": 5"));
    e = assertThrows(UserError.class, () -> ModelFile.read(f));
    assertTrue(e.render().contains("$.tensors[6].data holds 108 floats, the shape needs 135"), e.render());

    Files.writeString(f, text.substring(0, text.length() / 2));
    e = assertThrows(UserError.class, () -> ModelFile.read(f));
    assertTrue(e.render().contains("is not a model file"), e.render());

    assertTrue(text.contains("\"loss\": \"mse\"") && text.contains("\"init\": \"glorot_normal\""), text);
    Files.writeString(f, text.replace("\"loss\": \"mse\"", "\"loss\": \"hinge\""));
    e = assertThrows(UserError.class, () -> ModelFile.read(f));
    assertTrue(e.render().contains("$.model.training.loss is not a loss (mse, cross_entropy)"), e.render());

    Files.writeString(f, text.replace("\"init\": \"glorot_normal\"", "\"init\": \"zeros\""));
    e = assertThrows(UserError.class, () -> ModelFile.read(f));
    assertTrue(e.render().contains("$.model.training.init is not an initialisation (he_uniform, he_normal, glorot_uniform, glorot_normal)"),
        e.render());

    e = assertThrows(UserError.class, () -> ModelFile.read(tmp.resolve("missing.json")));
    assertTrue(e.render().contains("not found") && e.render().contains("nmc train"), e.render());
  }
}
