package nmc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nmc.ir.Connectivity;
import nmc.ir.CurrentInput;
import nmc.ir.Dimension;
import nmc.ir.Eval;
import nmc.ir.IntegrationMethod;
import nmc.ir.Ints;
import nmc.ir.Network;
import nmc.ir.NeuronModel;
import nmc.ir.Population;
import nmc.ir.Probe;
import nmc.ir.Projection;
import nmc.ir.RunSettings;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import org.junit.jupiter.api.Test;

/** Every sample lowers to the network it describes, with every value in SI units. */
class SamplesTest {
  private static Population.Neurons neurons(Network n, String pop) {
    return assertInstanceOf(Population.Neurons.class, n.population(pop).orElseThrow().kind());
  }

  private static double constant(ValueSpec v) {
    return assertInstanceOf(ValueSpec.Const.class, v).value();
  }

  @Test
  void cuba() {
    Network n = Frontend.load(Samples.path("cuba"));
    assertEquals("cuba", n.name());
    assertEquals(3200, n.population("exc").orElseThrow().size());
    assertEquals(800, n.population("inh").orElseThrow().size());
    assertEquals("CubaLIF", neurons(n, "exc").model());
    assertEquals(new ValueSpec.Uniform(-0.060, -0.050), neurons(n, "exc").initialValue("v").orElseThrow());
    assertEquals(new ValueSpec.Const(-0.049), neurons(n, "inh").parameter("El").orElseThrow());
    NeuronModel m = n.neuronModel("CubaLIF").orElseThrow();
    assertEquals(IntegrationMethod.EXPONENTIAL_EULER, m.method());
    assertEquals(0.005, constantExpr(m.refractory()));
    assertTrue(m.odes().get(0).unlessRefractory() && !m.odes().get(1).unlessRefractory());
    assertEquals(List.of("ee", "ei", "ie", "ii"), n.projections().stream().map(Projection::name).toList());
    Projection ee = n.projections().get(0), ie = n.projections().get(2);
    assertEquals(1.62e-3, constant(ee.weight()), 0.0); // (60 * 0.27 / 10) mV, exactly
    assertEquals(-9e-3, constant(ie.weight()), 0.0);
    assertEquals(new Connectivity.FixedProbability(0.02, false), ee.connectivity());
    assertEquals(new Connectivity.FixedProbability(0.02, true), n.projections().get(1).connectivity());
    assertEquals("ge", ee.port());
    assertEquals(Projection.Sign.INHIBITORY, ie.sign());
    assertEquals(new ValueSpec.Const(0), ee.delay());
    assertEquals("Delta", ee.synapse());
    assertEquals(Dimension.VOLTAGE, n.synapseModel("Delta").orElseThrow().weightDim());
    assertEquals(List.of("exc_spikes", "exc_rate", "exc_v"), n.probes().stream().map(Probe::name).toList());
    assertEquals(100, n.probes().get(0).indices().size());
    assertEquals(99, n.probes().get(0).indices().get(99));
    assertEquals(0.01, n.probes().get(1).bin());
    assertEquals(Ints.of(0, 1, 2), n.probes().get(2).indices());
    assertEquals(new RunSettings(1.0, 1e-4, 2007), n.run());
  }

  @Test
  void hodgkinHuxleySteps() {
    Network n = Frontend.load(Samples.path("hh_step"));
    Population.Neurons hh = neurons(n, "hh");
    assertEquals(1200.0, constant(hh.parameter("g_Na").orElseThrow()), 0.0); // 120 mS/cm2 in S/m2
    assertEquals(3.0, constant(hh.parameter("g_L").orElseThrow()), 0.0);
    assertEquals(0.01, constant(hh.parameter("C_m").orElseThrow()), 0.0); // 1 uF/cm2 in F/m2
    CurrentInput drive = n.currents().get(0);
    assertEquals("I_ext", drive.port());
    CurrentInput.Step step = assertInstanceOf(CurrentInput.Step.class, drive.waveform());
    assertEquals(new ValueSpec.Values(Vec.of(0, 0.05, 0.1, 0.2)), step.amplitude()); // uA/cm2 in A/m2
    assertEquals(0.1, step.stop());
    assertEquals(new RunSettings(0.1, 1e-5, 1), n.run());
    NeuronModel m = n.neuronModel("HH").orElseThrow();
    assertEquals(IntegrationMethod.RK4, m.method());
    assertTrue(m.rising());
    // the gates start at their steady state for v = -65 mV (rates of the reference README, by hand)
    Rk4 cell = new Rk4(m, Map.of("I_ext", 0.0, "I_syn", 0.0));
    double am = 0.1 * -25 / (1 - Math.exp(2.5)), bm = 4, an = 0.01 * -10 / (1 - Math.exp(1)), bn = 0.125;
    double ah = 0.07, bh = 1 / (1 + Math.exp(3));
    assertEquals(am / (am + bm), cell.get("m"), 1e-12);
    assertEquals(ah / (ah + bh), cell.get("h"), 1e-12);
    assertEquals(an / (an + bn), cell.get("n"), 1e-12);
  }

  /** The standard library's HH, integrated from its IR, gives NEURON's spike counts and times (../shared/reference/hh). */
  @Test
  void hodgkinHuxleyMatchesTheNeuronReference() throws IOException {
    Path ref = Path.of(System.getProperty("nmc.shared", "../../shared"), "reference/hh/spikes.csv");
    List<String[]> rows = Files.readAllLines(ref).stream().skip(1).map(l -> l.split(",")).toList();
    NeuronModel m = Frontend.load(Samples.path("hh_step")).neuronModel("HH").orElseThrow();
    int[] currents = {0, 5, 10, 20};
    for (int current : currents) {
      List<Double> expected = rows.stream().filter(r -> Integer.parseInt(r[0]) == current).map(r -> Double.parseDouble(r[2])).toList();
      Rk4 cell = new Rk4(m, Map.of("I_ext", current * 1e-2, "I_syn", 0.0));
      List<Double> spikes = new ArrayList<>();
      double dt = 1e-5, before = cell.get("v");
      for (int k = 0; k < 10_000; k++) {
        cell.step(dt);
        double after = cell.get("v");
        if (before <= 0 && after > 0) spikes.add((k + before / (before - after)) * dt * 1e3); // ms, interpolated
        before = after;
      }
      assertEquals(expected.size(), spikes.size(), "spike count at " + current + " uA/cm2");
      for (int i = 0; i < spikes.size(); i++) assertEquals(expected.get(i), spikes.get(i), 0.02, "spike " + i + " at " + current);
    }
  }

  @Test
  void izhikevichPatterns() {
    Network n = Frontend.load(Samples.path("izhikevich_patterns"));
    assertEquals(List.of("rs", "ib", "ch", "fs"), n.populations().stream().map(Population::name).toList());
    assertEquals(20.0, constant(neurons(n, "rs").parameter("a").orElseThrow()), 1e-12); // 0.02 /ms
    assertEquals(100.0, constant(neurons(n, "fs").parameter("a").orElseThrow()), 1e-12);
    assertEquals(-0.050, constant(neurons(n, "ch").parameter("c").orElseThrow()), 0.0);
    assertEquals(4.0, constant(neurons(n, "ib").parameter("d").orElseThrow()), 1e-12); // 4 mV/ms = 4 V/s
    assertEquals(10.0, constant(neurons(n, "rs").parameter("I_e").orElseThrow()), 1e-12);
    // u starts at b * v, per neuron
    assertInstanceOf(ValueSpec.Computed.class, neurons(n, "rs").initialValue("u").orElseThrow());
    assertEquals(8, n.probes().size());
    assertEquals(1, n.neuronModels().size());
  }

  @Test
  void fitzHughNagumo() {
    Network n = Frontend.load(Samples.path("fitzhugh_nagumo"));
    assertEquals(new ValueSpec.Values(Vec.of(0.2, 0.5, 1.0)), neurons(n, "fhn").parameter("I").orElseThrow());
    NeuronModel m = n.neuronModel("FitzHughNagumo").orElseThrow();
    assertTrue(m.rising());
    assertEquals(Dimension.NONE, m.stateVar("v").orElseThrow().dim());
    assertEquals(List.of("fhn_spikes", "fhn_v", "fhn_w"), n.probes().stream().map(Probe::name).toList());
    assertEquals(new RunSettings(0.5, 5e-5, 1), n.run());
  }

  @Test
  void gapJunctionPair() {
    Network n = Frontend.load(Samples.path("gap_junction_pair"));
    assertEquals(2, n.projections().size());
    Projection ab = n.projections().get(0);
    assertEquals("Gap", ab.synapse());
    assertEquals(new Connectivity.OneToOne(), ab.connectivity());
    assertEquals(2.0, constant(ab.weight()), 1e-15); // 0.2 mS/cm2 = 2 S/m^2
    var gap = n.synapseModel("Gap").orElseThrow();
    // Per-area currents (A/m^2) over a voltage: a conductance per area.
    assertEquals(Dimension.CURRENT.over(Dimension.VOLTAGE).over(new Dimension(2, 0, 0, 0, 0, 0, 0)), gap.weightDim());
    assertEquals("w * (pre.v - post.v)", gap.current().toText());
    CurrentInput.Step a = assertInstanceOf(CurrentInput.Step.class, n.currents().get(0).waveform());
    assertEquals(0.1, constant(a.amplitude()), 1e-15); // 10 uA/cm2 = 0.1 A/m^2
    assertEquals("HH", neurons(n, "b").model());
  }

  private static double constantExpr(nmc.ir.Expr e) {
    return Eval.eval(e, name -> {
      throw new AssertionError("not a constant: " + name);
    });
  }
}
