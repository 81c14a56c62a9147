package nmc.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nmc.ir.Network;
import nmc.ir.json.IrJson;
import nmc.ir.json.Json;
import nmc.runtime.TestNets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, compile, check, bench, plot and targets end to end with the test target 'fake' on IR JSON files. */
class RunCommandTest {
  @TempDir
  Path tmp;

  private Path net(String name) throws Exception {
    return TestNets.irFile(tmp, TestNets.small(name));
  }

  private static Json.Obj obj(String text) {
    return (Json.Obj) Json.parse(text);
  }

  private static String str(Json.Obj o, String k) {
    Json v = o.get(k);
    return v instanceof Json.Str s ? s.value() : ((Json.Num) v).text();
  }

  private List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void runJsonPrintsExactlyTheSummaryObject() throws Exception {
    Path out = tmp.resolve("results");
    Cli c = Cli.run("run", net("small").toString(), "--target", "fake", "--out", out.toString(), "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out()); // exactly one JSON value: the reader rejects anything after it
    assertEquals(List.of("network", "target", "steps", "dt_ms", "duration_ms", "wall_s", "seed", "populations",
        "synaptic_events", "metrics", "out", "probes"), List.copyOf(s.fields().keySet()));
    assertEquals("small", str(s, "network"));
    assertEquals("fake", str(s, "target"));
    assertEquals("1000", str(s, "steps"));
    assertEquals("0.1", str(s, "dt_ms"));
    assertEquals("100", str(s, "duration_ms"));
    assertEquals("42", str(s, "seed"));
    assertEquals(out.toString(), str(s, "out"));
    Json.Obj exc = (Json.Obj) ((Json.Obj) s.get("populations")).get("exc");
    assertEquals("83", str(exc, "spikes"));
    assertEquals(83 / (40 * 0.1), ((Json.Num) exc.get("rate_hz")).toDouble(), 1e-9);
    assertEquals("1.5E-6", str((Json.Obj) s.get("metrics"), "energy_j"));
    assertEquals(c.out(), Files.readString(out.resolve("summary.json")), "summary.json is the same object");
    assertEquals(List.of("network.ir.json", "rate_rate_exc.csv", "spikes_spk.csv", "spikes_spk_inh.csv", "summary.json", "trace_v_exc.csv"), names(out));
    assertEquals("", c.err(), "no progress output when stderr is not a terminal");
  }

  @Test
  void overridesChangeTheRunAndAreRecordedInTheIr() throws Exception {
    Path out = tmp.resolve("o");
    Cli c = Cli.run("run", net("small").toString(), "--target", "fake", "--out", out.toString(), "--json",
        "--duration", "20 ms", "--dt", "0.05ms", "--seed", "7");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj s = obj(c.out());
    assertEquals("400", str(s, "steps"));
    assertEquals("0.05", str(s, "dt_ms"));
    assertEquals("20", str(s, "duration_ms"));
    assertEquals("7", str(s, "seed"));
    Network ran = IrJson.parse(Files.readString(out.resolve("network.ir.json")));
    assertEquals(0.02, ran.run().duration(), 1e-15);
    assertEquals(5e-5, ran.run().dt(), 1e-18);
    assertEquals(7, ran.run().seed());
    assertEquals(1 + 401, Files.readAllLines(out.resolve("trace_v_exc.csv")).size(), "header, then t = 0 and 400 steps");
  }

  @Test
  void theHumanTableNamesPopulationsAndFiles() throws Exception {
    Path out = tmp.resolve("t");
    Cli c = Cli.run("run", net("small").toString(), "--target", "fake", "--out", out.toString());
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().startsWith("small: 100 ms in 1,000 steps of 0.1 ms on fake"), c.out());
    assertTrue(c.out().matches("(?s).*\\n  exc\\s+40\\s+83\\s+20\\.750\\n.*"), c.out());
    assertTrue(c.out().contains("synaptic events: 1,234"), c.out());
    assertTrue(c.out().contains("plot them with: nmc plot " + out), c.out());
    Cli q = Cli.run("run", net("small").toString(), "--target", "fake", "--out", out.toString(), "--quiet");
    assertEquals(0, q.exit());
    assertEquals("", q.out() + q.err());
  }

  @Test
  void badQuantitiesAreUserErrorsBeforeAnythingRuns() throws Exception {
    int before = FakeTarget.RUNS.get();
    Cli c = Cli.run("run", net("small").toString(), "--target", "fake", "--out", tmp.resolve("x").toString(), "--dt", "0.1 mV");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains("--dt: '0.1 mV' is a voltage, not a time"), c.err());
    Cli d = Cli.run("run", net("small").toString(), "--target", "fake", "--duration", "500");
    assertEquals(2, d.exit());
    assertTrue(d.err().contains("has no unit"), d.err());
    assertEquals(before, FakeTarget.RUNS.get(), "nothing ran");
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void unknownTargetListsTheRegisteredOnes() throws Exception {
    Cli c = Cli.run("run", net("small").toString(), "--target", "fak");
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().contains("unknown target 'fak'"), c.err());
    assertTrue(c.err().contains("did you mean 'fake'?"), c.err());
  }

  @Test
  void aRunThatCrashesLeavesThePreviousResultsAndExitsOne() throws Exception {
    Path out = tmp.resolve("same");
    Path good = TestNets.irFile(tmp, TestNets.small("good"));
    assertEquals(0, Cli.run("run", good.toString(), "--target", "fake", "--out", out.toString(), "-q").exit());
    String before = Files.readString(out.resolve("summary.json"));
    List<String> filesBefore = names(out);

    Cli c = Cli.run("run", net("boom").toString(), "--target", "fake", "--out", out.toString());
    assertEquals(1, c.exit(), c.toString());
    assertTrue(c.err().startsWith("nmc: internal error: java.lang.IllegalStateException: simulated crash"), c.err());
    assertTrue(c.err().contains("--debug"), c.err());
    assertTrue(c.noStackTrace(), c.toString());
    assertEquals(before, Files.readString(out.resolve("summary.json")));
    assertEquals(filesBefore, names(out));
    assertEquals(List.of("boom.ir.json", "good.ir.json", "same"), names(tmp), "no temporary folder left");

    Cli debug = Cli.run("run", net("boom").toString(), "--target", "fake", "--out", out.toString(), "--debug");
    assertEquals(1, debug.exit());
    assertTrue(debug.err().contains("\tat nmc.runtime.cli.FakeTarget.run"), "--debug shows the stack trace");
  }

  @Test
  void aTargetRefusingATooLargeNetworkIsAUserError() throws Exception {
    Cli c = Cli.run("run", net("toolarge").toString(), "--target", "fake", "--out", tmp.resolve("big").toString());
    assertEquals(2, c.exit(), c.toString());
    assertTrue(c.err().startsWith("error: the network needs 93 GiB"), c.err());
    assertTrue(c.noStackTrace());
    assertFalse(Files.exists(tmp.resolve("big").resolve("summary.json")));
  }

  @Test
  void compileEmitsTheIrThatParsesBack() throws Exception {
    Path f = net("small");
    Cli c = Cli.run("compile", f.toString(), "--emit", "ir");
    assertEquals(0, c.exit(), c.toString());
    assertEquals(TestNets.small("small"), IrJson.parse(c.out()));
    Path o = tmp.resolve("sub/out.ir.json");
    Cli w = Cli.run("compile", f.toString(), "--emit", "IR", "-o", o.toString());
    assertEquals(0, w.exit(), w.toString());
    assertEquals(c.out(), Files.readString(o));
    assertEquals("", w.out());
  }

  @Test
  void malformedIrJsonIsReportedWithItsPlace() throws Exception {
    Path f = tmp.resolve("bad.ir.json");
    Files.writeString(f, "{\n  \"name\": \"x\",\n  \"neuronModels\": [}\n");
    Cli c = Cli.run("check", f.toString());
    assertEquals(2, c.exit());
    assertTrue(c.err().startsWith(f + ":3:20: error: invalid IR JSON"), c.err());
    assertTrue(c.err().contains("\"neuronModels\": [}"), "shows the line: " + c.err());
    Cli j = Cli.run("check", f.toString(), "--json");
    assertEquals(2, j.exit());
    Json.Obj o = obj(j.out());
    assertEquals("false", ((Json.Bool) o.get("ok")).value() ? "true" : "false");
    Json.Obj d = (Json.Obj) ((Json.Arr) o.get("diagnostics")).items().get(0);
    assertEquals(f + ":3:20", str(d, "span"));
    assertEquals("error", str(d, "severity"));
  }

  @Test
  void checkSaysWhatTheNetworkHas() throws Exception {
    Path f = net("small");
    Cli c = Cli.run("check", f.toString());
    assertEquals(0, c.exit(), c.toString());
    assertEquals(f + ": ok (2 populations, 50 neurons, 1 projection)\n", c.out());
    Cli j = Cli.run("check", f.toString(), "--json");
    Json.Obj o = obj(j.out());
    assertEquals("50", str(o, "neurons"));
    assertTrue(((Json.Bool) o.get("ok")).value());
  }

  @Test
  void benchReportsMedianAndChecksDeterminism() throws Exception {
    Cli c = Cli.run("bench", net("small").toString(), "--target", "fake", "--repeat", "3", "--warmup", "1", "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj o = obj(c.out());
    assertEquals(3, ((Json.Arr) o.get("wall_s")).items().size());
    assertTrue(((Json.Bool) o.get("spikes_identical")).value());
    assertEquals("106", str(o, "spikes"), "83 + 23 spikes per run");
    assertTrue(((Json.Num) o.get("median_wall_s")).toDouble() > 0);
    assertTrue(((Json.Num) o.get("sim_s_per_wall_s")).toDouble() > 0);
    Cli text = Cli.run("bench", net("small").toString(), "--target", "fake", "--repeat", "2", "--warmup", "0");
    assertEquals(0, text.exit(), text.toString());
    assertTrue(text.out().contains("identical in all 2 runs"), text.out());
  }

  @Test
  void benchFailsWhenATargetIsNotDeterministic() throws Exception {
    Cli c = Cli.run("bench", net("flaky").toString(), "--target", "fake", "--repeat", "2", "--warmup", "0");
    assertEquals(1, c.exit(), c.toString());
    assertTrue(c.out().contains("NOT identical"), c.out());
    assertTrue(c.err().contains("is not deterministic"), c.err());
  }

  @Test
  void benchRejectsZeroRepeats() throws Exception {
    Cli c = Cli.run("bench", net("small").toString(), "--target", "fake", "--repeat", "0");
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("--repeat must be at least 1"), c.err());
  }

  @Test
  void targetsListsTheRegisteredTargets() {
    Cli c = Cli.run("targets");
    assertEquals(0, c.exit());
    assertTrue(c.out().matches("(?s).*fake +test double that makes up spikes.*"), c.out());
    assertTrue(c.out().matches("(?s).*reference +float64.*"), c.out());
    Cli j = Cli.run("targets", "--json");
    assertTrue(j.out().contains("\"name\": \"fake\""), j.out());
  }

  @Test
  void plotDrawsTheFiguresOfARun() throws Exception {
    Path out = tmp.resolve("p");
    assertEquals(0, Cli.run("run", net("small").toString(), "--target", "fake", "--out", out.toString(), "-q").exit());
    Cli c = Cli.run("plot", out.toString(), "--format", "both");
    assertEquals(0, c.exit(), c.toString());
    for (String f : List.of("raster.png", "raster.svg", "traces.png", "traces.svg", "rates.png", "rates.svg")) {
      assertTrue(Files.size(out.resolve(f)) > 1000, f);
      assertTrue(c.out().contains(out.resolve(f).toString()), c.out());
    }
  }

  @Test
  void plotOfAnEmptyOrMissingFolderIsAUserError() {
    Cli c = Cli.run("plot", tmp.toString());
    assertEquals(2, c.exit());
    assertTrue(c.err().contains("nothing to plot"), c.err());
    Cli m = Cli.run("plot", tmp.resolve("missing").toString());
    assertEquals(2, m.exit());
    assertTrue(m.err().contains("no such folder"), m.err());
  }
}
