package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nmc.diag.UserError;
import nmc.emulator.chip.ChipSpec;
import nmc.ir.Decls;
import nmc.ir.Network;
import nmc.ir.Population;
import nmc.ir.ValueSpec;
import nmc.map.ChipMapping;
import nmc.map.Quantiser;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import nmc.targets.loihi.LoihiTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cuba_loihi.snn on the loihi target against the reference target on the same file: the excitatory rate agrees
 * within 5 %, and what difference there is comes from quantisation: the reference run with the chip's own
 * (quantised) time constants lands much closer to the chip than the reference with the asked-for ones.
 */
class CubaLoihiTest {
  static final long[] SEEDS = {2007, 1, 2, 3};
  static Network net;
  static SimResult chip, reference;
  static ChipMapping mapping;

  @BeforeAll
  static void run() {
    net = Samples.load("cuba_loihi.snn");
    chip = Samples.target("loihi").run(net, TargetOptions.NONE, Target.Progress.NONE);
    reference = Samples.run(net);
    mapping = LoihiTarget.map(net, ChipSpec.load("loihi"), TargetOptions.NONE);
  }

  static double excRate(SimResult r) {
    return r.population("exc").rateHz(net.run().duration());
  }

  @Test
  void excitatoryRateIsWithinFivePercentOfTheReference() {
    double ours = excRate(chip), ref = excRate(reference);
    assertTrue(ours > 1 && ref > 1, "the network is active: " + ours + " Hz, " + ref + " Hz");
    assertTrue(Math.abs(ours - ref) / ref < 0.05, "loihi " + ours + " Hz vs reference " + ref + " Hz");
  }

  @Test
  void theDifferenceIsTheQuantisedTimeConstants() {
    // The chip's decays are 12-bit: tau_v = 20 ms becomes dv = 20, a time constant of 20.43 ms. Give the
    // reference the chip's time constants and it must agree with the chip far better than with the asked-for ones.
    Quantiser.Errors e = mapping.quantisation().populations().get("exc").errors();
    assertTrue(e.tauVWorst() > 0.01, "tau_v is visibly quantised: " + e.tauVWorst());
    Network matched = withTimeConstants(net, e.tauVChip(), e.tauUChip());
    double chipSum = 0, refSum = 0, matchedSum = 0;
    for (long s : SEEDS) {
      Network n = net.withRun(net.run().withSeed(s));
      chipSum += s == net.run().seed() ? excRate(chip) : excRate(Samples.target("loihi").run(n, TargetOptions.NONE, Target.Progress.NONE));
      refSum += s == net.run().seed() ? excRate(reference) : excRate(Samples.run(n));
      matchedSum += excRate(Samples.run(matched.withRun(matched.run().withSeed(s))));
    }
    double toRef = Math.abs(chipSum - refSum) / refSum, toMatched = Math.abs(chipSum - matchedSum) / matchedSum;
    assertTrue(toMatched < 0.015, "chip vs reference with the chip's time constants: " + toMatched);
    assertTrue(toMatched < toRef, "quantised time constants explain the difference: " + toMatched + " vs " + toRef);
  }

  @Test
  void membraneTracesStartAlikeInSi() {
    SimResult.TraceData a = chip.traces().stream().filter(t -> t.variable().equals("v")).findFirst().orElseThrow();
    SimResult.TraceData b = reference.traces().stream().filter(t -> t.variable().equals("v")).findFirst().orElseThrow();
    assertArrayEquals(b.indices(), a.indices());
    for (int i = 0; i < a.indices().length; i++) {
      // the initial state differs by the rounding of v to the chip's integer (1/S volts)
      assertEquals(b.values()[i][0], a.values()[i][0], 1e-8, "neuron " + a.indices()[i] + " initial v");
      for (int k = 1; k <= 4; k++) {
        // in volts; before the first spike (end of step 3) arrives only the decay's rounding separates them
        assertEquals(b.values()[i][k], a.values()[i][k], 1e-5, "neuron " + a.indices()[i] + " step " + k);
      }
    }
    SimResult.TraceData u = chip.traces().stream().filter(t -> t.variable().equals("u")).findFirst().orElseThrow();
    assertEquals("mV", u.unit());
  }

  @Test
  void metricsComeFromTheEmulator() {
    Map<String, Double> m = chip.metrics();
    for (String k : List.of("cores_used", "cycles", "latency_s", "latency_s_per_step", "energy_j", "synaptic_ops", "energy_j.synapse_sparse")) {
      assertTrue(m.containsKey(k), "metric " + k + " in " + m.keySet());
    }
    assertEquals(mapping.coresUsed(), m.get("cores_used"));
    assertTrue(m.get("energy_j") > 0 && m.get("latency_s") > 0);
    assertEquals(m.get("latency_s") / chip.steps(), m.get("latency_s_per_step"), 1e-15);
    assertEquals((double) chip.synapticEvents(), m.get("synaptic_ops"));
    // every spike reaches about 80 targets, as on the reference target
    long spikes = chip.population("exc").spikes() + chip.population("inh").spikes();
    double perSpike = (double) chip.synapticEvents() / spikes;
    assertTrue(perSpike > 76 && perSpike < 84, "events per spike " + perSpike);
  }

  @Test
  void sameSeedSameSpikes() {
    SimResult again = Samples.target("loihi").run(net, TargetOptions.NONE.with("threads", "2"), Target.Progress.NONE);
    SimResult.SpikeData a = Samples.spikes(chip, "exc"), b = Samples.spikes(again, "exc");
    assertArrayEquals(a.neuron(), b.neuron());
    assertArrayEquals(a.times(), b.times());
  }

  @Test
  void cubaWithTwoSynapticTimeConstantsNeedsTheApproximation() {
    Network cuba = Samples.load("cuba.snn");
    UserError e = assertThrows(UserError.class, () -> LoihiTarget.map(cuba, ChipSpec.load("loihi"), TargetOptions.NONE));
    String text = e.render();
    assertTrue(text.contains("cuba.snn:5:"), text);      // the line of 'neuron CubaLIF'
    assertTrue(text.contains("CubaLIF") && text.contains("ge (5") && text.contains("gi (10"), text);
    assertTrue(text.contains("approximate=lif"), text);
    ChipMapping m = LoihiTarget.map(cuba, ChipSpec.load("loihi"), TargetOptions.NONE.with("approximate", "lif"));
    assertTrue(m.forms().notes().stream().anyMatch(n -> n.contains("merged") && n.contains("tau_syn = 10")), m.forms().notes().toString());
    ChipMapping fast = LoihiTarget.map(cuba, ChipSpec.load("loihi"), TargetOptions.NONE.with("approximate", "lif").with("tau_syn", "5ms"));
    assertTrue(fast.forms().notes().stream().anyMatch(n -> n.contains("tau_syn = 5")), fast.forms().notes().toString());
  }

  @Test
  void hodgkinHuxleyIsRefusedWithTheConstructAndItsLine() {
    Network hh = Samples.load("hh_step.snn");
    UserError e = assertThrows(UserError.class, () -> LoihiTarget.map(hh, ChipSpec.load("loihi"), TargetOptions.NONE.with("approximate", "lif")));
    String text = e.render();
    assertTrue(text.contains("hh.snn:3:") && text.contains("neuron model HH") && text.contains("dv/dt") && text.contains("depends on the state"), text);
  }

  /** The network with every population's tau_v and tau_u replaced (the chip's quantised values). */
  static Network withTimeConstants(Network n, double tauV, double tauU) {
    List<Population> pops = new ArrayList<>();
    for (Population p : n.populations()) {
      if (!(p.kind() instanceof Population.Neurons nk)) {
        pops.add(p);
        continue;
      }
      List<Decls.Binding> params = new ArrayList<>();
      for (Decls.Binding b : nk.parameters()) {
        if (b.name().equals("tau_v")) params.add(new Decls.Binding("tau_v", new ValueSpec.Const(tauV)));
        else if (b.name().equals("tau_u")) params.add(new Decls.Binding("tau_u", new ValueSpec.Const(tauU)));
        else params.add(b);
      }
      pops.add(new Population(p.name(), p.size(), new Population.Neurons(nk.model(), params, nk.initial()), p.span()));
    }
    return new Network(n.name(), n.neuronModels(), n.synapseModels(), pops, n.projections(), n.currents(), n.probes(), n.run());
  }
}
