package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nmc.diag.UserError;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * synfire_lif.snn on the truenorth target. Its decaying synaptic current I and the leaky membrane are not
 * TrueNorth's neuron, so the target refuses them by name unless {@code -O approximate=lif}; approximated (charge
 * jumps, constant leak, no refractory period), the pulse packet still travels down the whole chain: every group
 * fires, nearly every neuron of it, group after group.
 */
class SynfireLifTrueNorthTest {
  static final int GROUPS = 10;
  static final TargetOptions APPROX = TargetOptions.NONE.with("approximate", "lif");
  static Network net;
  static SimResult chip;

  @BeforeAll
  static void run() {
    net = Samples.load("synfire_lif.snn");
    chip = Samples.target("truenorth").run(net, APPROX, Target.Progress.NONE);
  }

  @Test
  void everyGroupFiresInOrder() {
    assertEquals(50, chip.population("packet").spikes());
    double previousFirst = -1, previousMean = -1;
    for (int k = 0; k < GROUPS; k++) {
      SimResult.SpikeData s = Samples.spikes(chip, "g" + k);
      long distinct = Arrays.stream(s.neuron()).distinct().count();
      assertTrue(distinct >= 90, "g" + k + ": only " + distinct + " of 100 neurons fired");
      double first = Arrays.stream(s.times()).min().orElseThrow(), mean = Arrays.stream(s.times()).average().orElseThrow();
      assertTrue(first > previousFirst, "g" + k + " starts at " + first + " s, before the previous group (" + previousFirst + " s)");
      assertTrue(mean > previousMean, "g" + k + " fires on average at " + mean + " s, not after the previous group");
      previousFirst = first;
      previousMean = mean;
    }
    // each hop costs at least the 1 ms axonal delay (10 steps) plus one step
    double g0 = Arrays.stream(Samples.spikes(chip, "g0").times()).min().orElseThrow();
    double g9 = Arrays.stream(Samples.spikes(chip, "g9").times()).min().orElseThrow();
    assertTrue(g9 - g0 >= 9 * 1.1e-3 - 1e-9, "9 hops in " + (g9 - g0) + " s");
  }

  @Test
  void reportsChipFiguresWithTheirSource() {
    assertTrue(chip.metrics().get("cores_used") >= 4);
    assertTrue(chip.metrics().get("splitter_cores") >= 1, "fan-out over cores needs splitters");
    assertEquals(0.0, chip.metrics().get("added_latency_ticks_max"));
    assertEquals(1.0, chip.metrics().get("energy_source.model"));
    assertEquals(1000 * 1e-3, chip.metrics().get("latency_s"), 1e-9, "one 1 ms tick per step");
    assertTrue(chip.metrics().get("energy_j") > 0);
    assertTrue(chip.metrics().get("synaptic_ops") > 0);
  }

  @Test
  void withoutApproximationTheSynapticCurrentIsRefusedAtItsLine() {
    UserError e = assertThrows(UserError.class, () -> Samples.target("truenorth").run(net, TargetOptions.NONE, Target.Progress.NONE));
    String text = e.getMessage() + e.diagnostics();
    assertTrue(text.contains("in0") && text.contains("synaptic current") && text.contains("approximate=lif"), text);
    assertEquals(modelLine(), e.diagnostics().get(0).span().line(), "at the neuron model's line: " + text);
  }

  /** The line of {@code neuron SynfireLIF} in the sample. */
  static int modelLine() {
    try {
      java.util.List<String> lines = java.nio.file.Files.readAllLines(Samples.path("synfire_lif.snn"));
      for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("neuron SynfireLIF")) return i + 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no neuron SynfireLIF in synfire_lif.snn");
  }
}
