package nmc.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.ir.json.Json;
import nmc.sim.SimResult;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, convert and evaluate end to end on a small CSV problem (three blobs in four dimensions). */
class AnnCommandsTest {
  @TempDir
  Path tmp;

  Path snn;

  static void blobs(Path f, int n, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("a,b,c,d,class\n");
    for (int i = 0; i < n; i++) {
      int y = r.nextInt(3);
      for (int j = 0; j < 4; j++) sb.append(String.format(Locale.ROOT, "%.4f,", (j == y ? 3 : 0) + r.nextGaussian() * 0.8));
      sb.append(y).append('\n');
    }
    Files.writeString(f, sb.toString());
  }

  @BeforeEach
  void files() throws Exception {
    blobs(tmp.resolve("train.csv"), 1500, 1);
    blobs(tmp.resolve("test.csv"), 400, 2);
    snn = tmp.resolve("blobs.snn");
    Files.writeString(snn, """
        ann blobs {
          input 4
          dense(4 -> 16)
          relu
          dense(16 -> 3)
          softmax
          train {
            dataset = csv(train = "train.csv", test = "test.csv", label = 4)
            optimizer = adam
            learning_rate = 0.01
            epochs = 8
            batch_size = 32
            seed = 3
          }
        }
        """);
  }

  static Json.Obj obj(String s) {
    return (Json.Obj) Json.parse(s);
  }

  static double num(Json.Obj o, String k) {
    return ((Json.Num) o.get(k)).toDouble();
  }

  @Test
  void trainWritesTheModelTheCurveAndTheEvaluation() throws Exception {
    Path model = tmp.resolve("m/blobs.model.json");
    Cli c = Cli.run("train", snn.toString(), "--out", model.toString(), "--json", "--threads", "2");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out());
    Json.Obj test = (Json.Obj) s.get("test");
    assertTrue(num(test, "accuracy") >= 0.9, c.out());
    assertEquals(8, Json.items(s.get("history")).size());
    assertEquals(3, Json.items(test.get("confusion")).size());
    assertTrue(Files.size(model) > 0 && Files.size(tmp.resolve("m/training_curve.png")) > 1000 && Files.exists(tmp.resolve("m/training.json")));
    byte[] png = Files.readAllBytes(tmp.resolve("m/training_curve.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);

    Cli human = Cli.run("train", snn.toString(), "--out", model.toString(), "--epochs", "1", "-q");
    assertEquals(0, human.exit(), human.toString());
    assertEquals("", human.out());
    Cli report = Cli.run("train", snn.toString(), "--out", tmp.resolve("r.model.json").toString(), "--epochs", "2");
    assertTrue(report.out().contains("confusion matrix") && report.out().contains("precision") && report.err().contains("epoch 2/2"), report.toString());
  }

  @Test
  void convertWritesSourceThatRuns() throws Exception {
    Path model = tmp.resolve("blobs.model.json");
    assertEquals(0, Cli.run("train", snn.toString(), "--out", model.toString(), "-q").exit());
    Path out = tmp.resolve("blobs_snn.snn");
    Cli c = Cli.run("convert", model.toString(), "--timesteps", "50", "--example", "3", "-o", out.toString());
    assertEquals(0, c.exit(), c.toString());
    Network net = Frontend.load(out);
    assertEquals(50, net.run().steps());
    assertEquals(List.of("dense_1", "out"), net.populations().stream().map(nmc.ir.Population::name).toList());
    SimResult r = new ReferenceTarget().run(net, null);
    assertTrue(r.population("out").spikes() > 0);
    // the IR too, and a .snn source naming the model through its cache
    Cli ir = Cli.run("convert", snn.toString(), "--model", model.toString(), "--timesteps", "20", "--readout", "potential", "-o",
        tmp.resolve("b.ir.json").toString());
    assertEquals(0, ir.exit(), ir.toString());
    assertTrue(Files.readString(tmp.resolve("b.ir.json")).contains("\"value\": 1E9"), "the output never spikes");
    // Poisson rates cannot be negative, and these features can
    Cli poisson = Cli.run("convert", model.toString(), "--timesteps", "20", "--input", "poisson");
    assertEquals(Nmc.USER, poisson.exit());
    assertTrue(poisson.err().contains("Poisson input needs values >= 0") && poisson.noStackTrace(), poisson.err());
  }

  @Test
  void compareScoresTheSpikingConversionOnEveryTarget() throws Exception {
    Path model = tmp.resolve("cache/blobs.model.json");
    Cli c = Cli.run("compare", snn.toString(), "--model", model.toString(), "--targets", "reference,cpu", "--examples", "100",
        "--timesteps", "64", "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj doc = obj(c.out());
    assertEquals(100, (int) num(doc, "inferences"));
    List<Json> rows = Json.items(doc.get("rows"));
    double ref = num((Json.Obj) rows.get(0), "accuracy"), cpu = num((Json.Obj) rows.get(1), "accuracy");
    assertTrue(ref >= 0.85, "blobs are easy: " + ref);
    assertEquals(ref, cpu, "the cpu target's spikes are the reference's, so are its classes");
    assertTrue(Files.exists(model), "trained on first use");
  }

  @Test
  void evaluateTrainsWhenNeededThenReusesTheModel() throws Exception {
    Path model = tmp.resolve("cache/blobs.model.json");
    Cli c = Cli.run("evaluate", snn.toString(), "--model", model.toString(), "--timesteps", "16,64", "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out());
    double ann = num(s, "ann_accuracy");
    assertTrue(ann >= 0.9, c.out());
    List<Json> rs = Json.items(s.get("results"));
    assertEquals(2, rs.size());
    Json.Obj r64 = (Json.Obj) rs.get(1);
    assertEquals(List.of("target", "timesteps", "reset", "pool_headroom", "snn_accuracy", "synaptic_ops_per_inference", "energy_per_inference_j",
        "wall_s", "copies_per_run", "cores_used_per_run", "cores_used_one_copy"),
        List.copyOf(r64.fields().keySet()));
    assertEquals("reference", ((Json.Str) r64.get("target")).value());
    assertEquals(64, (int) num(r64, "timesteps"));
    assertTrue(Math.abs(num(r64, "snn_accuracy") - ann) <= 0.03, c.out()); // 400 examples: 12 of them
    assertTrue(num(r64, "synaptic_ops_per_inference") > num((Json.Obj) rs.get(0), "synaptic_ops_per_inference"));
    assertTrue(r64.get("energy_per_inference_j") instanceof Json.Null);
    assertTrue(Files.exists(model));

    // a second target gets its own rows, with the energy it reports; the cached model is used
    Cli two = Cli.run("evaluate", snn.toString(), "--model", model.toString(), "--timesteps", "8", "--target", "fake", "--limit", "100",
        "--batch", "50");
    assertEquals(0, two.exit(), two.toString());
    assertTrue(two.err().contains("using the trained model"), two.err());
    assertTrue(two.out().contains("reference") && two.out().contains("fake"), two.out());
    assertTrue(two.out().contains("3.000e-08 J"), two.out()); // 1.5e-6 J per run, two runs of 50 examples

    // a changed train block no longer matches the cache: it trains again
    Files.writeString(snn, Files.readString(snn).replace("epochs = 8", "epochs = 2"));
    Cli again = Cli.run("evaluate", snn.toString(), "--model", model.toString(), "--timesteps", "8", "--limit", "50");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.err().contains("training it first"), again.err());
  }

  @Test
  void mistakesAreUserErrors() throws Exception {
    Path fm = tmp.resolve("fm.snn");
    Files.writeString(fm, "ann f { input 28 x 28 x 1; flatten; dense(784 -> 10); train { dataset = fashion_mnist(dir = \"nowhere\") } }");
    Cli c = Cli.run("train", fm.toString());
    assertEquals(Nmc.USER, c.exit(), c.toString());
    assertTrue(c.err().contains("Fashion-MNIST not found") && c.err().contains("apt-get install dataset-fashion-mnist"), c.err());
    assertTrue(c.noStackTrace());

    Path none = tmp.resolve("none.snn");
    Files.writeString(none, "population p = 2 x LIF()\n");
    c = Cli.run("evaluate", none.toString(), "--timesteps", "8");
    assertEquals(Nmc.USER, c.exit());
    assertTrue(c.err().contains("declares no ann model"), c.err());

    c = Cli.run("convert", snn.toString(), "--model", tmp.resolve("missing.json").toString(), "--timesteps", "8");
    assertEquals(Nmc.USER, c.exit());
    assertTrue(c.err().contains("has no trained model") && c.err().contains("nmc train"), c.err());

    c = Cli.run("convert", snn.toString(), "--timesteps", "8", "--method", "median");
    assertEquals(Nmc.USER, c.exit());
    assertTrue(c.err().contains("--method': expected one of [max, percentile] (case-insensitive) but was 'median'"), c.err());

    c = Cli.run("evaluate", snn.toString(), "--timesteps", "0");
    assertEquals(Nmc.USER, c.exit());
    assertTrue(c.err().contains("--timesteps must be at least 1"), c.err());

    Path wrong = tmp.resolve("wrong.snn");
    Files.writeString(wrong, Files.readString(snn).replace("dense(16 -> 3)", "dense(16 -> 2)"));
    c = Cli.run("train", wrong.toString());
    assertEquals(Nmc.USER, c.exit());
    assertTrue(c.err().contains("has 2 outputs, but its dataset has 3 classes"), c.err());
  }
}
