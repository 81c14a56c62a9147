package nmc.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nmc.ir.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nmc compare} on the command line: the synfire sample, the fake target, and every way it can go wrong. */
class CompareCommandTest {
  @TempDir
  Path tmp;

  static Path synfire, synfireLif;

  @BeforeAll
  static void findSample() {
    Path here = Path.of("").toAbsolutePath();
    Path samples = Files.isDirectory(here.resolve("samples")) ? here.resolve("samples") : here.getParent().resolve("samples");
    synfire = samples.resolve("synfire.snn");
    synfireLif = samples.resolve("synfire_lif.snn");
    assertTrue(Files.isRegularFile(synfire), "sample at " + synfire);
    assertTrue(Files.isRegularFile(synfireLif), "sample at " + synfireLif);
  }

  /** A small network the reference simulator runs, in a file named {@code name.snn} (the fake target reacts to names). */
  Path net(String name) throws java.io.IOException {
    Path f = tmp.resolve(name + ".snn");
    Files.writeString(f, """
        population src = 10 x poisson(rate = 80 Hz)
        population exc = 20 x LIF(v = uniform(-70 mV, -56 mV))
        projection p: src -> exc.I_syn { connect all_to_all; synapse Exp(tau = 5 ms); weight uniform(50 pA, 250 pA) }
        run { duration = 100 ms; dt = 0.1 ms; seed = 5 }
        """);
    return f;
  }

  static Json.Obj row(Json.Obj doc, int i) {
    return (Json.Obj) ((Json.Arr) doc.get("rows")).items().get(i);
  }

  static String str(Json.Obj o, String k) {
    return ((Json.Str) o.get(k)).value();
  }

  @Test
  void synfireRunsOnAllThreeTargets() {
    Cli c = Cli.run("compare", synfire.toString(), "--targets", "reference,loihi,truenorth");
    assertEquals(0, c.exit(), c.toString());
    String[] lines = c.out().split("\n");
    assertTrue(lines[0].startsWith("synfire: 100 ms in 1,000 steps of 0.1 ms, seed 1999; agreement against reference"), lines[0]);
    assertTrue(c.out().contains("\n  reference  "), c.out());
    assertTrue(c.out().contains("\n  loihi      2 (1 chip)"), c.out());
    assertTrue(c.out().contains("\n  truenorth  8 (1 chip)"), c.out());
    assertTrue(c.out().contains("(model)"), "energy labelled as modelled: " + c.out());
    assertTrue(c.out().contains("compare added spike probes on: packet"), c.out());
    assertTrue(c.noStackTrace());
  }

  @Test
  void truenorthRefusesTheLeakyChainsSynapticCurrentByName() {
    Cli c = Cli.run("compare", synfireLif.toString(), "--targets", "reference,loihi,truenorth");
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("\n  loihi      2 (1 chip)"), c.out());
    assertTrue(c.out().contains("\n  truenorth  unavailable: ") && c.out().contains("target truenorth cannot run this network")
        && c.out().contains("no synaptic current"), c.out());
    assertTrue(c.noStackTrace());
  }

  @Test
  void truenorthRunsTheLeakyChainWhenToldToApproximate() {
    Cli c = Cli.run("compare", synfireLif.toString(), "--targets", "reference,truenorth", "-O", "truenorth:approximate=lif");
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("\n  truenorth  8 (1 chip)"), c.out());
    assertTrue(c.out().contains("(model)"), "energy labelled as modelled: " + c.out());
  }

  @Test
  void jsonHasARowPerTarget() {
    Cli c = Cli.run("compare", synfire.toString(), "--targets", "reference,loihi,truenorth", "--json");
    assertEquals(0, c.exit(), c.toString());
    Json.Obj doc = (Json.Obj) Json.parse(c.out());
    assertEquals("synfire", str(doc, "network"));
    assertEquals("reference", str(doc, "baseline"));
    Json.Obj ref = row(doc, 0), loihi = row(doc, 1), tn = row(doc, 2);
    assertEquals("reference", str(ref, "target"));
    assertEquals(true, ((Json.Bool) ref.get("available")).value());
    assertTrue(ref.get("reason") instanceof Json.Null);
    assertEquals(1043.0, ((Json.Num) ref.get("spikes")).toDouble(), "the chain's spikes, as SynfireTest sees them");
    assertTrue(ref.get("energy_j") instanceof Json.Null, "the reference reports no energy; none is made up");
    assertTrue(ref.get("cores_used") instanceof Json.Null);
    assertTrue(((Json.Num) ref.get("wall_s")).toDouble() > 0);
    assertEquals("loihi", str(loihi, "target"));
    assertEquals(true, ((Json.Bool) loihi.get("available")).value());
    assertEquals(2.0, ((Json.Num) loihi.get("cores_used")).toDouble());
    assertTrue(((Json.Num) loihi.get("energy_j")).toDouble() > 0, "the chip reports its energy");
    assertTrue(((Json.Num) loihi.get("latency_s")).toDouble() > 0);
    assertEquals(1043.0, ((Json.Num) loihi.get("spikes")).toDouble(), "the chip fires the reference's spikes");
    assertEquals("truenorth", str(tn, "target"));
    assertEquals(true, ((Json.Bool) tn.get("available")).value());
    assertEquals(8.0, ((Json.Num) tn.get("cores_used")).toDouble(), "5 cores of neurons and 3 of splitters");
    assertTrue(((Json.Num) tn.get("energy_j")).toDouble() > 0 && ((Json.Num) tn.get("latency_s")).toDouble() > 0);
    assertEquals("", c.err(), "--json: nothing on stderr");
  }

  @Test
  void againstTheFakeTargetWithAReport() throws Exception {
    Path f = net("small");
    Path out = tmp.resolve("cmp");
    Cli c = Cli.run("compare", f.toString(), "--targets", "reference,fake", "--out", out.toString());
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("wrote compare.json, report.html to " + out), c.out());
    assertTrue(c.out().contains("1.50 uJ (unlabelled)"), "the fake's energy, without a source label: " + c.out());
    assertTrue(c.err().contains("  reference: ran in "), c.err());
    assertTrue(c.err().contains("  fake: ran in "), c.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<tr class=\"ok\" data-target=\"fake\">"));
    Json.Obj doc = (Json.Obj) Json.parse(Files.readString(out.resolve("compare.json")));
    Json.Obj fake = row(doc, 1);
    assertEquals(1.5e-6, ((Json.Num) fake.get("energy_j")).toDouble());
    assertEquals("unlabelled", str(fake, "energy_source"));
    // agreement with the reference: the fake makes up 2 * size + 3 spikes per population
    Json.Obj refExc = (Json.Obj) ((Json.Obj) row(doc, 0).get("populations")).get("exc");
    Json.Obj fakeExc = (Json.Obj) ((Json.Obj) fake.get("populations")).get("exc");
    double refSpikes = ((Json.Num) refExc.get("spikes")).toDouble();
    assertEquals(43.0, ((Json.Num) fakeExc.get("spikes")).toDouble());
    assertEquals((43 - refSpikes) / (20 * 0.1), ((Json.Num) fakeExc.get("rate_diff_hz")).toDouble(), 1e-9);
    double r = ((Json.Num) fakeExc.get("correlation")).toDouble();
    assertTrue(r >= -1 && r <= 1, "r = " + r);
    assertTrue(refExc.get("correlation") instanceof Json.Null, "no agreement of the baseline with itself");
  }

  @Test
  void aTargetThatRefusesIsARowAndTheCommandSucceeds() throws Exception {
    // the fake target refuses networks named toolarge with a user error
    Path f = net("toolarge");
    Cli c = Cli.run("compare", f.toString(), "--targets", "reference,fake");
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("fake       unavailable: the network needs 93 GiB but the Java heap is 4 GiB (hint: make it smaller)"), c.out());
  }

  @Test
  void aTargetThatCrashesIsReportedAsABugAfterTheTable() throws Exception {
    Path f = net("boom");
    Cli c = Cli.run("compare", f.toString(), "--targets", "fake,reference");
    assertEquals(Nmc.INTERNAL, c.exit(), c.toString());
    assertTrue(c.out().contains("failed: internal error in target fake: java.lang.IllegalStateException: simulated crash"), c.out());
    assertTrue(c.out().contains("\n  reference  "), "the reference still ran: " + c.out());
    assertTrue(c.err().contains("Run again with --debug"), c.err());
    assertTrue(c.noStackTrace());
    Cli d = Cli.run("compare", f.toString(), "--targets", "fake", "--debug");
    assertTrue(d.err().contains("\tat "), "--debug prints the stack trace: " + d.err());
  }

  @Test
  void noTargetAtAllIsAMistake() throws Exception {
    Path f = net("small");
    Cli c = Cli.run("compare", f.toString(), "--targets", "spinnaker", "--baseline", "spinnaker");
    assertEquals(Nmc.USER, c.exit(), c.toString());
    assertTrue(c.out().contains("\n  spinnaker  unavailable: no target named spinnaker in this build"), c.out());
    assertTrue(c.err().contains("error: no target could run small"), c.err());
  }

  @Test
  void commandLineMistakes() throws Exception {
    Path f = net("small");
    for (List<String> args : List.of(
        List.of("compare", tmp.resolve("nope.snn").toString()),
        List.of("compare", f.toString(), "--targets", "reference,,fake"),
        List.of("compare", f.toString(), "-O", "chips=2"),
        List.of("compare", f.toString(), "--targets", "reference", "-O", "loihi:chips=2"),
        List.of("compare", f.toString(), "--duration", "5"))) {
      Cli c = Cli.run(args.toArray(String[]::new));
      assertEquals(Nmc.USER, c.exit(), args + "\n" + c);
      assertTrue(c.err().startsWith("error: "), c.err());
      assertTrue(c.noStackTrace());
    }
    Cli o = Cli.run("compare", f.toString(), "--targets", "reference", "-O", "loihi:chips=2");
    assertTrue(o.err().contains("--option loihi:chips=2 is for target loihi, which is not compared"), o.err());
  }

  @Test
  void optionsGoToTheirTargetOnly() throws Exception {
    Path f = net("small");
    // the reference takes no options: it says so, in its row, and fake still runs
    Cli c = Cli.run("compare", f.toString(), "--targets", "reference,fake", "-O", "reference:threads=2", "--quiet");
    assertEquals(0, c.exit(), c.toString());
    assertEquals("", c.out(), "--quiet prints no table");
    Cli j = Cli.run("compare", f.toString(), "--targets", "reference,fake", "-O", "reference:threads=2", "--json");
    Json.Obj ref = row((Json.Obj) Json.parse(j.out()), 0);
    assertTrue(str(ref, "reason").contains("target reference has no option 'threads'"), j.out());
    assertEquals(true, ((Json.Bool) row((Json.Obj) Json.parse(j.out()), 1).get("available")).value());
  }

  @Test
  void listedInTheHelp() {
    Cli c = Cli.run("--help");
    assertTrue(c.out().contains("compare"), c.out());
    Cli h = Cli.run("compare", "--help");
    assertEquals(0, h.exit());
    assertTrue(h.out().contains("--targets=NAME,NAME..."), h.out());
  }
}
