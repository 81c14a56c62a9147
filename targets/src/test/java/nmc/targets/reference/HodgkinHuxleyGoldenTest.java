package nmc.targets.reference;

import static nmc.targets.reference.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nmc.ir.Network;
import nmc.ir.RunSettings;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.sim.SimResult;
import nmc.sim.Target;
import org.junit.jupiter.api.Test;

/** HH (SI, RK4, dt = 0.01 ms) against NEURON's spike times in ../shared/reference/hh/spikes.csv. */
class HodgkinHuxleyGoldenTest {
  static final double[] CURRENTS_UA_CM2 = {0, 5, 10, 20};

  @Test
  void spikeCountsAndTimesMatchNeuron() throws IOException {
    Path csv = Path.of(System.getProperty("nmc.shared"), "reference", "hh", "spikes.csv");
    List<List<Double>> expected = new ArrayList<>();
    for (int c = 0; c < CURRENTS_UA_CM2.length; c++) expected.add(new ArrayList<>());
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      int c = java.util.Arrays.binarySearch(CURRENTS_UA_CM2, Double.parseDouble(f[0]));
      expected.get(c).add(Double.parseDouble(f[2]) * 1e-3);
    }
    // 1 uA/cm2 = 1e-2 A/m2
    double[] amps = java.util.Arrays.stream(CURRENTS_UA_CM2).map(i -> i * 1e-2).toArray();
    Network net = network(List.of(HH), List.of(), List.of(neurons("hh", 4, "HH")), List.of(),
        List.of(step("drive", "hh", "I_ext", new ValueSpec.Values(new Vec(amps)), 0, 0.1)), List.of(spikes("s", "hh")),
        new RunSettings(0.1, 1e-5, 1));
    SimResult r = new ReferenceTarget().run(net, Target.Progress.NONE);
    SimResult.SpikeData s = r.spikes().get(0);
    int[] counts = new int[4];
    List<List<Double>> got = new ArrayList<>();
    for (int c = 0; c < 4; c++) got.add(new ArrayList<>());
    for (int k = 0; k < s.neuron().length; k++) {
      counts[s.neuron()[k]]++;
      got.get(s.neuron()[k]).add(s.times()[k]);
    }
    assertEquals(List.of(0, 1, 7, 9), List.of(counts[0], counts[1], counts[2], counts[3]));
    for (int c = 0; c < 4; c++) {
      assertEquals(expected.get(c).size(), got.get(c).size(), "spikes at " + CURRENTS_UA_CM2[c] + " uA/cm2");
      for (int k = 0; k < got.get(c).size(); k++) {
        double diff = Math.abs(got.get(c).get(k) - expected.get(c).get(k));
        assertTrue(diff <= 1e-4, "spike " + k + " at " + CURRENTS_UA_CM2[c] + " uA/cm2: " + got.get(c).get(k) + " s vs NEURON "
            + expected.get(c).get(k) + " s");
      }
    }
    assertEquals(17, r.population("hh").spikes());
  }
}
