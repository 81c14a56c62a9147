package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import nmc.dsl.Frontend;
import nmc.ir.Network;
import nmc.sim.SimResult;
import nmc.sim.Target;
import nmc.sim.TargetOptions;
import org.junit.jupiter.api.Test;

/**
 * The cpu target against the reference on networks that use what the samples do not: Poisson and spike-time
 * sources, random weights and per-connection delays, exponential, alpha, conductance and kinetic synapses (pre-state
 * with effects on each source spike, a state-dependent exponential-Euler coefficient), currents summed over
 * connections, effects on post.X, ramps with per-neuron amplitudes, per-neuron parameters and refractory periods,
 * threshold units. Float64 results must be identical, with 1, 2 and 3 threads.
 */
class CpuFeaturesTest {
  static final String KITCHEN = """
      population noise = 60 x poisson(rate = uniform(20 Hz, 80 Hz), from 5 ms, to 180 ms)
      population cue = 3 x spike_times([1, 2, 30.05] ms, [], [7, 7.04, 100] ms)
      population lif = 50 x LIF(v = uniform(-70 mV, -55 mV), t_ref = uniform(1 ms, 3 ms), I_e = 200 pA)
      population cond = 40 x LIFCond(v = normal(-65 mV, 3 mV), g_L = uniform(14 nS, 18 nS))
      population adex = 20 x AdEx(I_e = 1 nA)
      population hh = 3 x HH()
      population gate = 10 x Threshold(theta = 0.5)

      projection n_lif: noise -> lif.I_syn { connect fixed_probability(0.3); synapse Exp(tau = 3 ms); weight uniform(10 pA, 120 pA); delay uniform(0 ms, 2 ms) }
      projection n_cond: noise -> cond.g_ex { connect fixed_fan_in(8); weight normal(2 nS, 0.5 nS) }
      projection c_lif: cue -> lif.v { connect all_to_all; weight 2 mV; delay 0.3 ms }
      projection l_cond: lif -> cond.I_syn { connect fixed_probability(0.2); synapse AlphaCond(tau = 2 ms, E = 0 mV); weight uniform(0.5 nS, 3 nS) }
      projection l_adex: lif -> adex.I_syn { connect fixed_probability(0.25); synapse Kinetic; weight uniform(1 nS, 4 nS); delay 1 ms }
      projection c_adex: cond -> adex.I_syn { connect fixed_probability(0.2); synapse ExpCond(E = -80 mV); weight 2 nS }
      projection a_lif: adex -> lif.I_syn { connect fixed_probability(0.3); synapse Alpha; weight -40 pA; delay uniform(0.5 ms, 1.5 ms) }
      projection i_lif: lif -> lif.v { connect fixed_probability(0.1, autapses = false); weight uniform(-1 mV, 0.5 mV) }
      projection gap: hh -> hh.I_syn { connect all_to_all(autapses = false); synapse Gap; weight 0.1 mS/cm2 }
      projection to_gate: lif -> gate.I_syn { connect fixed_fan_in(5); synapse Exp(tau = 1 ms); weight uniform(0.1, 0.4) }

      current drive: hh.I_ext = ramp([4, 8, 12] uA/cm2, [10, 14, 18] uA/cm2, from 20 ms, to 150 ms)
      current bias: cond.I_syn = step(uniform(250 pA, 400 pA), from 10 ms)

      probe spikes noise
      probe spikes cue
      probe spikes lif
      probe spikes cond
      probe spikes adex
      probe spikes hh
      probe spikes gate
      probe lif.v [0, 7, 49]
      probe cond.v
      probe adex.w [1, 2]
      probe hh.v
      probe rate lif bin 10 ms

      run { duration = 200 ms; dt = 0.05 ms; seed = 11 }
      """;

  static SimResult cpu(Network net, int threads) {
    return Samples.target("cpu").run(net, new TargetOptions(Map.of("threads", "" + threads)), Target.Progress.NONE);
  }

  @Test
  void everyFeatureIsIdenticalToTheReferenceOnAnyThreadCount() {
    Network net = Frontend.parse("kitchen.snn", KITCHEN);
    SimResult ref = Samples.run(net);
    for (SimResult.PopulationStats p : ref.populations()) assertTrue(p.spikes() > 0, "population " + p.name() + " spikes in the reference run");
    for (int threads : new int[] {1, 2, 3}) CpuEquivalenceTest.assertIdentical(ref, cpu(net, threads), "kitchen sink, " + threads + " thread(s)");
  }

  /** Any seed: the same kernel (the structure is fixed, the random numbers are data), identical spikes on 2 threads. */
  @Test
  void identicalForAnySeed() {
    Network net = Frontend.parse("kitchen.snn", KITCHEN);
    qt().withFixedSeed(42L).withExamples(6).forAll(longs().between(0, 1L << 40)).checkAssert(seed -> {
      Network n = net.withRun(net.run().withSeed(seed));
      CpuEquivalenceTest.assertIdentical(Samples.run(n), cpu(n, 2), "kitchen sink, seed " + seed);
    });
  }
}
