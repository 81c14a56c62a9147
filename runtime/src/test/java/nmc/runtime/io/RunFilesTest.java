package nmc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nmc.ir.Network;
import nmc.ir.json.IrJson;
import nmc.ir.json.Json;
import nmc.runtime.RunSummary;
import nmc.runtime.TestNets;
import nmc.sim.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
  @TempDir
  Path tmp;

  @Test
  void spikesCsv() throws IOException {
    StringWriter w = new StringWriter();
    RunFiles.writeSpikes(w, new SimResult.SpikeData("p", "exc", new int[] {3, 0, 17}, new double[] {1e-4, 5e-4, 0.0123}));
    assertEquals("neuron,t_ms\n3,0.1\n0,0.5\n17,12.3\n", w.toString());
  }

  @Test
  void traceCsvIsInTheDisplayUnit() throws IOException {
    StringWriter w = new StringWriter();
    RunFiles.writeTrace(w, new SimResult.TraceData("p", "exc", "v", "mV", new int[] {0, 7}, new double[] {0, 1e-4},
        new double[][] {{-0.065, -0.06}, {-0.05, -0.0649}}));
    assertEquals("t_ms,v[0],v[7]\n0,-65,-50\n0.1,-60,-64.9\n", w.toString());
  }

  @Test
  void traceWithAnUnknownUnitStaysInSi() throws IOException {
    StringWriter w = new StringWriter();
    RunFiles.writeTrace(w, new SimResult.TraceData("p", "exc", "m", "", new int[] {2}, new double[] {0}, new double[][] {{0.05}}));
    assertEquals("t_ms,m[2]\n0,0.05\n", w.toString());
  }

  @Test
  void rateCsvGivesBinStarts() throws IOException {
    StringWriter w = new StringWriter();
    RunFiles.writeRates(w, new SimResult.RateData("r", "exc", 0.01, new double[] {4, 6.5, 0}));
    assertEquals("t_ms,rate_hz\n0,4\n10,6.5\n20,0\n", w.toString());
  }

  @Test
  void probeFileNamesAreSafeAndUnique() {
    SimResult r = new SimResult("x", 1, 1e-4, 0, List.of(), 0,
        List.of(new SimResult.SpikeData("a b", "p", new int[0], new double[0]), new SimResult.SpikeData("a/b", "p", new int[0], new double[0])),
        List.of(), List.of(new SimResult.RateData("summary", "p", 0.01, new double[0])), Map.of());
    List<String> files = RunFiles.plan(r).stream().map(RunFiles.ProbeFile::file).toList();
    assertEquals(List.of("spikes_a_b.csv", "spikes_a_b_2.csv", "rate_summary.csv"), files);
  }

  private List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writeAllWritesEveryFileAndTheSummaryMatchesTheResult() throws IOException {
    Network net = TestNets.small("net");
    SimResult r = TestNets.result();
    Path dir = tmp.resolve("out");
    Json.Obj summary = RunSummary.json(net, r, dir);
    RunFiles.writeAll(dir, net, r, summary);
    assertEquals(List.of("network.ir.json", "rate_rate_exc.csv", "spikes_spk.csv", "spikes_spk_inh.csv", "summary.json", "trace_v_exc.csv"), names(dir));
    assertEquals(net, IrJson.parse(Files.readString(dir.resolve("network.ir.json"))));
    Json.Obj back = (Json.Obj) Json.parse(Files.readString(dir.resolve("summary.json")));
    assertEquals(Json.print(summary), Json.print(back));
    assertEquals(601, Files.readAllLines(dir.resolve("spikes_spk.csv")).size(), "header and one line per spike");
    assertEquals(1002, Files.readAllLines(dir.resolve("trace_v_exc.csv")).size());
    Json.Obj exc = (Json.Obj) ((Json.Obj) back.get("populations")).get("exc");
    assertEquals("600", ((Json.Num) exc.get("spikes")).text());
    assertEquals(150.0, ((Json.Num) exc.get("rate_hz")).toDouble(), 1e-9, "600 spikes / (40 neurons * 0.1 s)");
    assertEquals("0.1", ((Json.Num) back.get("dt_ms")).text());
    assertEquals("100", ((Json.Num) back.get("duration_ms")).text());
    Json.Obj probe = (Json.Obj) ((Json.Obj) back.get("probes")).get("v_exc");
    assertEquals("mV", ((Json.Str) probe.get("unit")).value());
    assertEquals("trace_v_exc.csv", ((Json.Str) probe.get("file")).value());
  }

  @Test
  void aRunThatFailsWhileWritingLeavesThePreviousResults() throws IOException {
    Network net = TestNets.small("net");
    Path dir = tmp.resolve("out");
    SimResult good = TestNets.result();
    RunFiles.writeAll(dir, net, good, RunSummary.json(net, good, dir));
    String summaryBefore = Files.readString(dir.resolve("summary.json"));
    String spikesBefore = Files.readString(dir.resolve("spikes_spk.csv"));

    // A result whose trace is shorter than its time axis: writing fails after the spike files are staged.
    SimResult broken = new SimResult("fake", 1000, 1e-4, 0.5, good.populations(), 1,
        List.of(new SimResult.SpikeData("spk", "exc", new int[] {1}, new double[] {0.002})),
        List.of(new SimResult.TraceData("v_exc", "exc", "v", "mV", new int[] {0}, new double[] {0, 1e-4}, new double[][] {{-0.06}})),
        List.of(), Map.of());
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> RunFiles.writeAll(dir, net, broken, RunSummary.json(net, broken, dir)));

    assertEquals(summaryBefore, Files.readString(dir.resolve("summary.json")));
    assertEquals(spikesBefore, Files.readString(dir.resolve("spikes_spk.csv")));
    assertEquals(List.of("out"), names(tmp), "no staging folder left");
    assertTrue(names(dir).contains("trace_v_exc.csv"));
  }
}
