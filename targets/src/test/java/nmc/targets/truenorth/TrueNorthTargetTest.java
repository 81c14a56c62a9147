package nmc.targets.truenorth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nmc.diag.UserError;
import nmc.emulator.truenorth.TrueNorthSpec;
import nmc.ir.Connectivity;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.RunSettings;
import nmc.ir.Span;
import nmc.ir.ValueSpec;
import nmc.ir.Vec;
import nmc.map.truenorth.TnMapping;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.targets.reference.ReferenceTarget;
import org.junit.jupiter.api.Test;

/** The truenorth target on hand-built networks: exact integrators, refusals with their lines, emits, options. */
class TrueNorthTargetTest {
  static final TrueNorthSpec CHIP = TrueNorthSpec.load("truenorth");

  /** Sources relayed by integrators into 300 neurons (two neuron cores, so fan-out needs splitters). */
  static Network relay(double delay, ValueSpec w) {
    Population src = new Population("src", 3, new Population.SpikeTimes(List.of(Vec.of(1.2e-3, 9e-3), Vec.of(2.5e-3), Vec.of(4e-3, 4.5e-3))),
        new Span("net.snn", 2, 1));
    return new Network("relay", List.of(TnNets.integrator()), List.of(),
        List.of(src, TnNets.pop("a", 3, 0.5e-3), TnNets.pop("b", 300, 1.5e-3)),
        List.of(TnNets.proj("sa", "src", "a", new Connectivity.OneToOne(), new ValueSpec.Const(1e-3), new ValueSpec.Const(0), 5),
            TnNets.proj("ab", "a", "b", new Connectivity.AllToAll(true), w, new ValueSpec.Const(delay), 6)),
        List.of(), List.of(TnNets.spikes("src"), TnNets.spikes("a"), TnNets.spikes("b")), new RunSettings(0.03, 1e-3, 7));
  }

  static SimResult.SpikeData sp(SimResult r, String pop) {
    return r.spikes().stream().filter(s -> s.population().equals(pop)).findFirst().orElseThrow();
  }

  @Test
  void integratorsWithSharedWeightsRunExactlyAsTheReference() {
    Network net = relay(2e-3, new ValueSpec.Const(1e-3));
    SimResult chip = new TrueNorthTarget().run(net, TargetOptions.NONE, Target.Progress.NONE);
    SimResult ref = new ReferenceTarget().run(net, Target.Progress.NONE);
    for (String p : List.of("src", "a", "b")) {
      assertTrue(sp(ref, p).times().length > 0, p);
      assertArrayEquals(sp(ref, p).times(), sp(chip, p).times(), 1e-12, p);
      assertArrayEquals(sp(ref, p).neuron(), sp(chip, p).neuron(), p);
    }
    TnMapping m = TrueNorthTarget.map(net, CHIP, TargetOptions.NONE);
    assertEquals(0.0, m.projections().get(1).worst(), "one weight per source population is exact");
    assertTrue(m.splitterNeurons() >= 3 * 2, "each of a's neurons reaches two cores");
    assertEquals(1.0, chip.metrics().get("energy_source.model"));
  }

  @Test
  void delayZeroCannotPayForTheSplitterAndIsReportedLate() {
    TnMapping m = TrueNorthTarget.map(relay(0, new ValueSpec.Const(1e-3)), CHIP, TargetOptions.NONE);
    assertEquals(1, m.addedLatencyMax());
    assertEquals(6, m.routesLate());
    String text = new TrueNorthTarget().emit(relay(0, new ValueSpec.Const(1e-3)), "mapping", TargetOptions.NONE, null);
    assertTrue(text.contains("late by up to 1 tick"), text);
    assertTrue(text.contains("splitter cores"), text);
  }

  @Test
  void spreadWeightsAreClusteredWithReportedErrors() {
    TnMapping m = TrueNorthTarget.map(relay(2e-3, new ValueSpec.Uniform(0.5e-3, 1.5e-3)), CHIP, TargetOptions.NONE);
    TnMapping.ProjectionQ q = m.projections().get(1);
    assertEquals(900, q.count());
    // 3 source axons and 4 types: every axon gets its own type, the error is integer rounding only
    assertTrue(q.worst() < 0.01, "worst " + q.worst());
  }

  @Test
  void tooLongADelayIsRefusedAtItsProjection() {
    UserError e = assertThrows(UserError.class, () -> TrueNorthTarget.map(relay(20e-3, new ValueSpec.Const(1e-3)), CHIP, TargetOptions.NONE));
    assertEquals(6, e.diagnostics().get(0).span().line());
    assertTrue(e.getMessage().contains("at most 15 ticks"), e.getMessage());
    assertTrue(e.diagnostics().get(0).hint().contains("14 ms"), e.diagnostics().get(0).hint());
  }

  @Test
  void fanInBeyondTheAxonsIsRefusedByName() {
    Population src = new Population("src", 300, new Population.SpikeTimes(List.of(Vec.of(1e-3))), new Span("net.snn", 2, 1));
    Network net = new Network("fanin", List.of(TnNets.integrator()), List.of(), List.of(src, TnNets.pop("a", 1, 0.5e-3)),
        List.of(TnNets.proj("sa", "src", "a", new Connectivity.AllToAll(true), new ValueSpec.Const(1e-3), new ValueSpec.Const(0), 5)),
        List.of(), List.of(), new RunSettings(0.01, 1e-3, 1));
    UserError e = assertThrows(UserError.class, () -> TrueNorthTarget.map(net, CHIP, TargetOptions.NONE));
    assertTrue(e.getMessage().contains("300 different") && e.getMessage().contains("256 input axons"), e.getMessage());
  }

  @Test
  void unknownOptionsAndValuesAreRefused() {
    Network net = relay(2e-3, new ValueSpec.Const(1e-3));
    assertThrows(UserError.class, () -> new TrueNorthTarget().run(net, TargetOptions.NONE.with("tau_syn", "5ms"), Target.Progress.NONE));
    assertThrows(UserError.class, () -> TrueNorthTarget.map(net, CHIP, TargetOptions.NONE.with("approximate", "hh")));
  }
}
