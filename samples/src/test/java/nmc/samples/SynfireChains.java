package nmc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import nmc.ir.Network;
import nmc.sim.SimResult;

/** What "the packet travels down the chain" means, for both synfire samples and every target. */
final class SynfireChains {
  static final int GROUPS = 10;

  private SynfireChains() {}

  /** Spike times (s) of group {@code k}, every neuron. */
  static double[] times(SimResult r, int k) {
    return Samples.spikes(r, "g" + k).times();
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  static double spreadMs(double[] t) {
    double m = mean(t), s = 0;
    for (double x : t) s += (x - m) * (x - m);
    return Math.sqrt(s / t.length) * 1e3;
  }

  /** Every group fires, at least 90 of its 100 neurons, each at most once. */
  static void everyGroupFiresEachNeuronAtMostOnce(SimResult r, String label) {
    for (int k = 0; k < GROUPS; k++) {
      SimResult.SpikeData s = Samples.spikes(r, "g" + k);
      long distinct = Arrays.stream(s.neuron()).distinct().count();
      assertEquals(s.neuron().length, distinct, label + " g" + k + ": a neuron fired twice (activity instead of a pulse)");
      assertTrue(distinct >= 90, label + " g" + k + ": only " + distinct + " of 100 neurons fired");
    }
  }

  /**
   * Groups fire in order, the delay from one group to the next (mean spike times) stays within 25 % of its median
   * after the first hop, the median is a few ms, and the packet's spread does not grow along the chain.
   */
  static void groupsFireInOrderWithARoughlyConstantDelay(SimResult r, String label) {
    double[] meanMs = new double[GROUPS];
    for (int k = 0; k < GROUPS; k++) meanMs[k] = mean(times(r, k)) * 1e3;
    double[] delay = new double[GROUPS - 1];
    for (int k = 0; k + 1 < GROUPS; k++) {
      delay[k] = meanMs[k + 1] - meanMs[k];
      double first = Arrays.stream(times(r, k)).min().orElseThrow(), next = Arrays.stream(times(r, k + 1)).min().orElseThrow();
      assertTrue(next > first, label + ": g" + (k + 1) + " starts before g" + k);
    }
    double[] sorted = delay.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    // the 1 ms delay plus the rise of the membrane: a few ms per group
    assertTrue(median > 1 && median < 10, label + ": median delay per group " + median + " ms; delays " + Arrays.toString(delay));
    // skip the first hop: group 0 is driven by the packet, not by a group
    for (int k = 1; k < delay.length; k++) {
      assertTrue(Math.abs(delay[k] - median) < 0.25 * median,
          label + ": delay g" + k + " -> g" + (k + 1) + " is " + delay[k] + " ms, median " + median + " ms: " + Arrays.toString(delay));
    }
    double first = spreadMs(times(r, 1)), last = spreadMs(times(r, GROUPS - 1));
    assertTrue(last < 2 * first + 0.5, label + ": spread grows from " + first + " ms to " + last + " ms");
  }

  /** Ten groups of 100 neurons of {@code model}, and a packet of 50 spikes. */
  static void hasTenGroupsOf(Network net, SimResult r, String model) {
    for (int k = 0; k < GROUPS; k++) {
      assertEquals(100, r.population("g" + k).size());
      assertEquals(model, net.modelOf(net.population("g" + k).orElseThrow()).name());
    }
    assertEquals(50, r.population("packet").spikes(), "one spike per source of the packet");
  }

  /** Without the packet's projection nothing fires on the reference target. */
  static void silentWithoutThePacket(Network net) {
    Network silent = new Network(net.name(), net.neuronModels(), net.synapseModels(), net.populations(),
        net.projections().stream().filter(p -> !p.pre().equals("packet")).toList(), net.currents(), net.probes(), net.run());
    SimResult r = Samples.run(silent);
    for (int k = 0; k < GROUPS; k++) assertEquals(0, r.population("g" + k).spikes(), "g" + k + " fired without input");
  }
}
