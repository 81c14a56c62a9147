package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kws_loihi.snn: a network of the Loihi keyword-spotting benchmark's size on the loihi target. Its energy per
 * inference is traceable to the operation counts and the chip description's figures, and (on-chip operations
 * only) stays below the published 0.27 mJ of board-level dynamic energy per inference (docs/targets/loihi.md).
 */
class KwsLoihiTest {
  static final int INFERENCES = 100; // 1000 steps of 1 ms, 10 steps an inference (the sample's comment)
  static final double PUBLISHED_J = 0.27e-3; // Blouw et al. 2019, hardware reference section 6
  static final double D18_SYNAPTIC_OP_J = 23.6e-12, D18_NEURON_ACTIVE_J = 81e-12; // D18 Table 2
  static Network net;
  static SimResult chip;

  @BeforeAll
  static void run() {
    net = Samples.load("kws_loihi.snn");
    chip = Samples.target("loihi").run(net, TargetOptions.NONE.with("profile", "d18"), Target.Progress.NONE);
  }

  @Test
  void everyLayerIsActiveAtARealisticRate() {
    for (String layer : new String[] {"h1", "h2", "out"}) {
      double hz = chip.population(layer).rateHz(net.run().duration());
      assertTrue(hz > 5 && hz < 100, layer + " fires at " + hz + " Hz");
    }
  }

  @Test
  void energyIsTheOperationCountsTimesTheChipFigures() {
    Map<String, Double> m = chip.metrics();
    assertEquals(m.get("ops.synapse_dense") * D18_SYNAPTIC_OP_J, m.get("energy_j.synapse_dense"), 1e-9 * m.get("energy_j.synapse_dense"));
    assertEquals(m.get("ops.neuron_active") * D18_NEURON_ACTIVE_J, m.get("energy_j.neuron_active"), 1e-9 * m.get("energy_j.neuron_active"));
    double sum = m.entrySet().stream().filter(e -> e.getKey().startsWith("energy_j.")).mapToDouble(Map.Entry::getValue).sum();
    assertEquals(m.get("energy_j"), sum, 1e-9 * sum, "the total is the sum of its classes");
    assertEquals(1.0, m.get("energy_source.model"));
  }

  @Test
  void onChipDynamicEnergyPerInferenceIsBelowThePublishedBoardFigure() {
    double perInference = chip.metrics().get("energy_j") / INFERENCES;
    // On-chip operations only: a lower bound of what the board's dynamic power buys per inference.
    assertTrue(perInference > 0 && perInference < PUBLISHED_J, "energy per inference " + perInference + " J");
  }
}
