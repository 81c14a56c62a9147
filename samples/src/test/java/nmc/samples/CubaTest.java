package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nmc.ir.Network;
import nmc.sim.SimResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cuba.snn: rates against Brian2 on the same network, determinism for a seed. */
class CubaTest {
  static Network net;
  static SimResult first;

  @BeforeAll
  static void run() {
    net = Samples.load("cuba.snn");
    first = Samples.run(net);
  }

  @Test
  void sizesAndConnectionCountAreThoseOfTheBenchmark() {
    assertEquals(3200, first.population("exc").size());
    assertEquals(800, first.population("inh").size());
    // 4000 * 4000 * 0.02 = 320 000 expected connections; each exc spike reaches ~80 targets.
    long spikes = first.population("exc").spikes() + first.population("inh").spikes();
    double perSpike = (double) first.synapticEvents() / spikes;
    assertTrue(perSpike > 76 && perSpike < 84, "events per spike " + perSpike);
  }

  @Test
  void excitatoryRateAgreesWithBrian2() {
    // Brian2 2.x (Debian python3-brian, cython target) on this network, mean over 5 seeds, measured with
    // docs/bench/brian2_cuba.py: see docs/benchmarks.md. Seed-to-seed spread there is about +-1 Hz.
    double brian2 = Brian2Figures.CUBA_EXC_RATE_HZ;
    double ours = first.population("exc").rateHz(net.run().duration());
    assertTrue(Math.abs(ours - brian2) < Brian2Figures.CUBA_RATE_TOLERANCE_HZ,
        "exc rate " + ours + " Hz vs Brian2 " + brian2 + " Hz");
  }

  @Test
  void sameSeedSameSpikesDifferentSeedDifferentSpikes() {
    SimResult again = Samples.run(net);
    SimResult.SpikeData a = Samples.spikes(first, "exc"), b = Samples.spikes(again, "exc");
    assertArrayEquals(a.neuron(), b.neuron());
    assertArrayEquals(a.times(), b.times());
    assertEquals(first.synapticEvents(), again.synapticEvents());

    SimResult other = Samples.run(net.withRun(net.run().withSeed(net.run().seed() + 1)));
    assertNotEquals(first.synapticEvents(), other.synapticEvents());
  }
}
