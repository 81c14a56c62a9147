package nmc.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.ir.json.IrJson;
import nmc.ir.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on the real samples with the real front end and the reference target.
 */
class EndToEndTest {
  @TempDir
  Path tmp;

  static Path samples;

  @BeforeAll
  static void findSamples() {
    // surefire runs in the module folder; the samples live beside it
    Path here = Path.of("").toAbsolutePath();
    samples = Files.isDirectory(here.resolve("samples")) ? here.resolve("samples") : here.getParent().resolve("samples");
    assertTrue(Files.isRegularFile(samples.resolve("cuba.snn")), "samples at " + samples);
  }

  private static Json.Obj obj(String text) {
    return (Json.Obj) Json.parse(text);
  }

  private static Json.Obj at(Json.Obj o, String... path) {
    Json.Obj cur = o;
    for (String p : path) cur = (Json.Obj) cur.get(p);
    return cur;
  }

  private static double num(Json.Obj o, String k) {
    return ((Json.Num) o.get(k)).toDouble();
  }

  private static String str(Json.Obj o, String k) {
    return ((Json.Str) o.get(k)).value();
  }

  @Test
  void checkCuba() {
    Path f = samples.resolve("cuba.snn");
    Cli c = Cli.run("check", f.toString());
    assertEquals(0, c.exit(), c.toString());
    assertEquals(f + ": ok (2 populations, 4000 neurons, 4 projections)\n", c.out());
    Cli j = Cli.run("check", f.toString(), "--json");
    assertEquals(0, j.exit(), j.toString());
    assertEquals(4000.0, num(obj(j.out()), "neurons"));
  }

  @Test
  void checkHh() {
    Path f = samples.resolve("hh_step.snn");
    Cli c = Cli.run("check", f.toString());
    assertEquals(0, c.exit(), c.toString());
    assertEquals(f + ": ok (1 population, 4 neurons, 0 projections)\n", c.out());
  }

  @Test
  void runCubaJsonWritesEveryFileAndPlots() throws Exception {
    Path out = tmp.resolve("cuba");
    Cli c = Cli.run("run", samples.resolve("cuba.snn").toString(), "--json", "--out", out.toString());
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out());
    assertEquals("reference", str(s, "target"));
    assertEquals(10000.0, num(s, "steps"));
    assertEquals(0.1, num(s, "dt_ms"));
    assertEquals(1000.0, num(s, "duration_ms"));
    assertEquals(2007.0, num(s, "seed"));
    assertEquals(3200.0, num(at(s, "populations", "exc"), "size"));
    assertEquals(800.0, num(at(s, "populations", "inh"), "size"));
    double exc = num(at(s, "populations", "exc"), "rate_hz");
    assertTrue(exc > 1 && exc < 40, "CUBA's excitatory rate is a few Hz, got " + exc);
    assertTrue(num(s, "synaptic_events") > 0);
    assertEquals(c.out(), Files.readString(out.resolve("summary.json")));

    Network ran = IrJson.parse(Files.readString(out.resolve("network.ir.json")));
    assertEquals(Frontend.load(samples.resolve("cuba.snn")), ran);

    Json.Obj probes = at(s, "probes");
    assertEquals(3, probes.fields().size(), "a spike, a rate and a state probe");
    for (var e : probes.fields().entrySet()) {
      Json.Obj p = (Json.Obj) e.getValue();
      List<String> lines = Files.readAllLines(out.resolve(str(p, "file")));
      switch (str(p, "kind")) {
        case "spikes" -> {
          assertEquals("neuron,t_ms", lines.get(0));
          assertTrue(lines.size() > 50, "the 100 recorded neurons spike");
          for (String l : lines.subList(1, lines.size())) {
            int n = Integer.parseInt(l.split(",")[0]);
            assertTrue(n >= 0 && n < 100, "exc[0..99] only: " + l);
          }
        }
        case "state" -> {
          assertEquals("t_ms,v[0],v[1],v[2]", lines.get(0));
          assertEquals("mV", str(p, "unit"));
          assertEquals(1 + 10001, lines.size(), "t = 0 and every step");
          double v0 = Double.parseDouble(lines.get(1).split(",")[1]);
          assertTrue(v0 >= -60 && v0 < -50, "initial v uniform in [Vr, Vt) in mV: " + v0);
        }
        case "rate" -> assertEquals(1 + 100, lines.size(), "100 bins of 10 ms");
        default -> throw new AssertionError(e);
      }
    }

    Cli plot = Cli.run("plot", out.toString(), "--format", "both");
    assertEquals(0, plot.exit(), plot.toString());
    for (String f : List.of("raster.png", "traces.png", "rates.png", "raster.svg", "traces.svg", "rates.svg")) {
      assertTrue(Files.size(out.resolve(f)) > 1000, f);
    }
  }

  @Test
  void runHhGivesTheSpikeCountsOfTheNeuronReference() throws Exception {
    Path out = tmp.resolve("hh");
    Cli c = Cli.run("run", samples.resolve("hh_step.snn").toString(), "--json", "--out", out.toString());
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out());
    String spikesFile = null, traceFile = null;
    for (var e : at(s, "probes").fields().entrySet()) {
      Json.Obj p = (Json.Obj) e.getValue();
      if (str(p, "kind").equals("spikes")) spikesFile = str(p, "file");
      if (str(p, "kind").equals("state")) traceFile = str(p, "file");
    }
    int[] counts = new int[4];
    List<String> spikes = Files.readAllLines(out.resolve(spikesFile));
    assertEquals("neuron,t_ms", spikes.get(0));
    for (String l : spikes.subList(1, spikes.size())) counts[Integer.parseInt(l.split(",")[0])]++;
    assertEquals(List.of(0, 1, 7, 9), List.of(counts[0], counts[1], counts[2], counts[3]), "0, 5, 10, 20 uA/cm2");
    List<String> trace = Files.readAllLines(out.resolve(traceFile));
    assertEquals("t_ms,v[0],v[1],v[2],v[3]", trace.get(0));
    assertEquals(-65.0, Double.parseDouble(trace.get(1).split(",")[1]), 1e-9, "starts at -65 mV, written in mV");
    Cli plot = Cli.run("plot", out.toString());
    assertEquals(0, plot.exit(), plot.toString());
    assertTrue(Files.isRegularFile(out.resolve("traces.png")));
  }

  @Test
  void compileEmitsTheFrontEndsIr() throws Exception {
    for (String sample : List.of("cuba.snn", "hh_step.snn")) {
      Path f = samples.resolve(sample);
      Cli c = Cli.run("compile", f.toString(), "--emit", "ir");
      assertEquals(0, c.exit(), c.toString());
      assertEquals(Frontend.load(f), IrJson.parse(c.out()), sample);
      // and the IR runs like the source
      Path ir = tmp.resolve(sample + ".ir.json");
      Files.writeString(ir, c.out());
      assertEquals(0, Cli.run("check", ir.toString()).exit());
    }
  }

  @Test
  void benchCubaIsDeterministic() {
    Cli c = Cli.run("bench", samples.resolve("cuba.snn").toString(), "--duration", "200ms", "--repeat", "2", "--warmup", "1", "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj o = obj(c.out());
    assertTrue(((Json.Bool) o.get("spikes_identical")).value());
    assertTrue(num(o, "synaptic_events_per_s") > 0);
  }

  @Test
  void diagnosticsExitTwoWithThePlaceAndNoStackTrace() throws Exception {
    Path bad = tmp.resolve("bad.snn");
    Files.writeString(bad, "population p = 10 x NoSuchModel()\n\nrun { duration = 10 ms\n dt = 0.1 ms\n seed = 1 }\n");
    Cli c = Cli.run("check", bad.toString());
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains(bad + ":1:"), c.err());
    assertTrue(c.err().contains("error:"), c.err());
    assertTrue(c.err().contains("NoSuchModel"), c.err());
    assertTrue(c.noStackTrace(), c.toString());
    Cli r = Cli.run("run", bad.toString(), "--out", tmp.resolve("never").toString());
    assertEquals(2, r.exit());
    assertTrue(r.noStackTrace());
    assertTrue(!Files.exists(tmp.resolve("never").resolve("summary.json")));

    Path syntax = tmp.resolve("syntax.snn");
    Files.writeString(syntax, "population = 3 x\n");
    Cli s = Cli.run("check", syntax.toString(), "--json");
    assertEquals(2, s.exit(), s.toString());
    Json.Obj d = (Json.Obj) ((Json.Arr) obj(s.out()).get("diagnostics")).items().get(0);
    assertTrue(str(d, "span").startsWith(syntax + ":1:"), s.out());
  }

  @Test
  void aWrongDimensionOnTheCommandLine() {
    Cli c = Cli.run("run", samples.resolve("hh_step.snn").toString(), "--duration", "100 mV");
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("is a voltage, not a time"), c.err());
  }
}
