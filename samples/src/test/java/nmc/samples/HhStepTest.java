package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import nmc.ir.Network;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hh_step.snn against NEURON's spike times in ../shared/reference/hh/spikes.csv (the sample's own dt and method). */
class HhStepTest {
  static final int[] CURRENTS = {0, 5, 10, 20};
  static SimResult result;
  static Network net;

  @BeforeAll
  static void run() {
    net = Samples.load("hh_step.snn");
    result = Samples.run(net);
  }

  @Test
  void spikeCountsAre0_1_7_9() {
    int[] counts = new int[4];
    for (int i = 0; i < 4; i++) counts[i] = Samples.times(result, "hh", i).length;
    assertArrayEquals(new int[] {0, 1, 7, 9}, counts);
    assertEquals(17, result.population("hh").spikes());
  }

  @Test
  void spikeTimesWithinATenthOfAMillisecondOfNeuron() throws IOException {
    List<String> lines = Files.readAllLines(Samples.shared().resolve("reference/hh/spikes.csv"));
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int current = Integer.parseInt(f[0].trim()), index = Integer.parseInt(f[1].trim());
      double tMs = Double.parseDouble(f[2].trim());
      int neuron = List.of(0, 5, 10, 20).indexOf(current);
      double[] ours = Samples.times(result, "hh", neuron);
      assertTrue(index < ours.length, "missing spike " + index + " at I=" + current);
      double diff = Math.abs(ours[index] * 1e3 - tMs);
      assertTrue(diff <= 0.1, "I=" + current + " spike " + index + ": " + ours[index] * 1e3 + " ms vs NEURON " + tMs + " ms");
      checked++;
    }
    assertEquals(17, checked);
  }

  @Test
  void membranePotentialFollowsNeuronTrace() throws IOException {
    // The trace before the first spike at I = 5 (t < 2.5 ms) and the whole I = 0 trace: within 1 mV of NEURON.
    SimResult.TraceData v = result.traces().stream().filter(t -> t.variable().equals("v")).findFirst().orElseThrow();
    List<String> lines = Files.readAllLines(Samples.shared().resolve("reference/hh/traces.csv"));
    double dt = net.run().dt();
    List<Double> errs = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double tMs = Double.parseDouble(f[0]);
      int k = (int) Math.round(tMs * 1e-3 / dt);
      if (k >= v.times().length) break;
      errs.add(Math.abs(v.values()[0][k] * 1e3 - Double.parseDouble(f[1])));
      if (tMs < 2.5) errs.add(Math.abs(v.values()[1][k] * 1e3 - Double.parseDouble(f[2])));
    }
    double worst = errs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertTrue(errs.size() > 4000, "compared " + errs.size() + " points");
    assertTrue(worst < 1.0, "worst difference " + worst + " mV");
  }
}
