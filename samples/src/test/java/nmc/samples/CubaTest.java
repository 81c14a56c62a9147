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
    // Our mean over four seeds against Brian2's mean over eight (docs/benchmarks.md): the two means may differ by
    // seed noise only, so allow three standard errors of their difference.
    long[] seeds = {2007, 1, 2, 3};
    double sum = first.population("exc").rateHz(net.run().duration());
    for (int k = 1; k < seeds.length; k++) {
      SimResult r = Samples.run(net.withRun(net.run().withSeed(seeds[k])));
      sum += r.population("exc").rateHz(net.run().duration());
    }
    double ours = sum / seeds.length, brian2 = Brian2Figures.CUBA_EXC_RATE_HZ, sd = Brian2Figures.CUBA_RATE_SD_HZ;
    double tolerance = 3 * sd * Math.sqrt(1.0 / seeds.length + 1.0 / Brian2Figures.CUBA_BRIAN2_SEEDS);
    assertTrue(Math.abs(ours - brian2) < tolerance,
        "mean exc rate " + ours + " Hz vs Brian2 " + brian2 + " Hz (tolerance " + tolerance + " Hz)");
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
